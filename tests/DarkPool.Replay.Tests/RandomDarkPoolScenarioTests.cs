using System.Text.Json;
using CsCheck;
using DarkPool.Engine;

namespace DarkPool.Replay.Tests;

/// <summary>
/// Random scenario files with the dark-pool commands (references, pegs, minimum quantities, auctions), valid
/// and malformed lines mixed, time moving on by 5 a line: both books must print the same bytes, the engine's
/// consistency check must hold after every line (when run), and every output line is one JSON object that starts with <c>evt</c>.
/// </summary>
public sealed class RandomDarkPoolScenarioTests
{
    private const int TimeStep = 5;

    private static readonly string[] Prelude =
    [
        """{"cmd":"market","market":"M1","base":"B","quote":"Q","tickSize":2,"lotSize":1,"makerFeeBps":5,"takerFeeBps":30,"maxReferenceAge":20}""",
        """{"cmd":"market","market":"A1","base":"B","quote":"Q","tickSize":1,"lotSize":1,"makerFeeBps":10,"mode":"auction"}""",
        """{"cmd":"deposit","account":"u1","asset":"Q","amount":100000}""",
        """{"cmd":"deposit","account":"u1","asset":"B","amount":500}""",
        """{"cmd":"deposit","account":"u2","asset":"Q","amount":100000}""",
        """{"cmd":"deposit","account":"u2","asset":"B","amount":500}""",
        """{"cmd":"deposit","account":"u3","asset":"Q","amount":3000}""",
        """{"cmd":"deposit","account":"u3","asset":"B","amount":40}""",
    ];

    private static readonly Gen<string> Account = Gen.OneOf("u1", "u2", "u3");
    private static readonly Gen<string> MarketName = Gen.Frequency((5, Gen.Const("M1")), (4, Gen.Const("A1")), (1, Gen.Const("M9")));
    private static readonly Gen<string> OrderId = Gen.Int[1, 6].Select(i => "o" + i);

    private static readonly Gen<string> OrderKind = Gen.Frequency(
        (4, Gen.Int[96, 104].Select(p => $$""","price":{{p}}""")),
        (3, Gen.Const(",\"type\":\"midpoint\"")),
        (2, Gen.Int[96, 104].Select(p => $$""","type":"midpoint","price":{{p}}""")),
        (1, Gen.Const(",\"type\":\"market\"")));

    private static readonly Gen<string> Options = Gen.OneOf(
        Gen.Const(""), Gen.Const(""), Gen.Const(",\"tif\":\"ioc\""), Gen.Const(",\"tif\":\"fok\""),
        Gen.Const(""","postOnly":true"""), Gen.Const(",\"stp\":\"decrement\""), Gen.Int[-1, 8].Select(m => $$""","minQty":{{m}}"""));

    private static readonly Gen<Func<long, string>> Place =
        Gen.Select(Account, MarketName, OrderId, Gen.OneOf("buy", "sell"), OrderKind, Gen.Int[1, 12], Options)
            .Select((a, m, id, side, kind, qty, options) => (Func<long, string>)(ts =>
                $$"""{"cmd":"place","account":"{{a}}","market":"{{m}}","id":"{{id}}","side":"{{side}}"{{kind}},"qty":{{qty}}{{options}},"ts":{{ts}}}"""));

    private static readonly Gen<Func<long, string>> Reference =
        Gen.Select(Gen.Frequency((3, Gen.Const("M1")), (2, Gen.Const("A1"))), Gen.Int[94, 104], Gen.Int[-2, 8], Gen.Int[-5, 30])
            .Select((m, bid, spread, age) => (Func<long, string>)(ts =>
                $$"""{"cmd":"reference","market":"{{m}}","bid":{{bid}},"ask":{{bid + spread}},"observedAt":{{ts - age}},"ts":{{ts}}}"""));

    private static readonly Gen<Func<long, string>> Auction = Gen.Frequency((4, Gen.Const("A1")), (1, Gen.Const("M1")))
        .Select(m => (Func<long, string>)(ts => $$"""{"cmd":"auction","market":"{{m}}","ts":{{ts}}}"""));

    private static readonly Gen<Func<long, string>> Other = Gen.OneOf(
        Gen.Select(Account, MarketName, OrderId).Select((a, m, id) => $$"""{"cmd":"cancel","account":"{{a}}","market":"{{m}}","id":"{{id}}"}"""),
        Gen.Select(Account, MarketName, OrderId, Gen.Int[96, 104], Gen.Int[1, 12])
            .Select((a, m, id, p, q) => $$"""{"cmd":"amend","account":"{{a}}","market":"{{m}}","id":"{{id}}","price":{{p}},"qty":{{q}}}"""),
        Gen.Select(Account, MarketName, OrderId, Gen.Int[1, 12]).Select((a, m, id, q) => $$"""{"cmd":"amend","account":"{{a}}","market":"{{m}}","id":"{{id}}","qty":{{q}}}"""),
        MarketName.Select(m => $$"""{"cmd":"book","market":"{{m}}"}"""),
        Gen.Select(Account, Gen.OneOf("B", "Q")).Select((a, s) => $$"""{"cmd":"balance","account":"{{a}}","asset":"{{s}}"}"""),
        Gen.OneOf("not json", """{"cmd":"reference","market":"M1","bid":1}""", """{"cmd":"place","account":"u1","market":"M1","id":"x","side":"buy","type":"midpoint","qty":1,"minQty":"1"}"""))
        .Select(line => (Func<long, string>)(_ => line));

    private static readonly Gen<Func<long, string>[]> Scenario =
        Gen.Frequency((6, Place), (2, Reference), (1, Auction), (2, Other)).Array[1, 80];

    private static string Render(Func<long, string>[] lines) =>
        string.Join('\n', [.. Prelude, .. lines.Select((line, i) => line((i + 1) * TimeStep))]);

    /// <summary>The consistency check after every line is slow (it walks the whole ledger), so fewer files get it.</summary>
    [Theory]
    [InlineData(false, 300)]
    [InlineData(true, 30)]
    public void Run_RandomDarkPoolScenarios_BothBooksPrintIdenticalWellFormedLines(bool check, int iterations)
    {
        Scenario.Sample(lines =>
        {
            string input = Render(lines);
            string fast = ReplayHarness.RunToText(input, BookKind.Fast, hash: true, check: check);
            string reference = ReplayHarness.RunToText(input, BookKind.Reference, hash: true, check: false);

            Assert.Equal(reference, fast);
            foreach (string line in ReplayHarness.Lines(fast))
            {
                using JsonDocument document = JsonDocument.Parse(line);
                Assert.Equal("evt", document.RootElement.EnumerateObject().First().Name);
            }
        }, iter: iterations, print: Render);
    }
}
