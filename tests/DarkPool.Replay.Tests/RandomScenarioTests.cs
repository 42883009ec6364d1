using System.Text.Json;
using CsCheck;
using DarkPool.Engine;

namespace DarkPool.Replay.Tests;

/// <summary>
/// Random scenario files, valid and malformed lines mixed, through both books: the output must be the same
/// bytes, and every output line one JSON object that starts with <c>evt</c>.
/// </summary>
public sealed class RandomScenarioTests
{
    private static readonly string[] Prelude =
    [
        """{"cmd":"market","market":"M1","base":"B","quote":"Q","tickSize":1,"lotSize":1,"makerFeeBps":5,"takerFeeBps":30}""",
        """{"cmd":"market","market":"M2","base":"C","quote":"Q","tickSize":2,"lotSize":10}""",
        """{"cmd":"deposit","account":"u1","asset":"Q","amount":100000}""",
        """{"cmd":"deposit","account":"u1","asset":"B","amount":500}""",
        """{"cmd":"deposit","account":"u2","asset":"Q","amount":100000}""",
        """{"cmd":"deposit","account":"u2","asset":"B","amount":500}""",
        """{"cmd":"deposit","account":"u3","asset":"C","amount":5000}""",
        """{"cmd":"deposit","account":"u3","asset":"Q","amount":2000}""",
    ];

    private static readonly Gen<string> Account = Gen.OneOf("u1", "u2", "u3", "fees");
    private static readonly Gen<string> MarketName = Gen.Frequency((6, Gen.Const("M1")), (3, Gen.Const("M2")), (1, Gen.Const("M9")));
    private static readonly Gen<string> OrderId = Gen.Int[1, 6].Select(i => "o" + i);

    private static readonly Gen<string> Place =
        Gen.Select(Account, MarketName, OrderId, Gen.OneOf("buy", "sell"), Gen.Int[96, 104], Gen.Int[1, 12],
            Gen.OneOf("", ",\"tif\":\"ioc\"", ",\"tif\":\"fok\"", ",\"postOnly\":true", ",\"type\":\"market\",\"tif\":\"ioc\""),
            Gen.OneOf("", ",\"stp\":\"cancel_incoming\"", ",\"stp\":\"cancel_both\"", ",\"stp\":\"decrement\""),
            (a, m, id, side, price, qty, extra, stp) => extra.Contains("market", StringComparison.Ordinal)
            ? $$"""{"cmd":"place","account":"{{a}}","market":"{{m}}","id":"{{id}}","side":"{{side}}","qty":{{qty}}{{extra}}{{stp}}}"""
            : $$"""{"cmd":"place","account":"{{a}}","market":"{{m}}","id":"{{id}}","side":"{{side}}","price":{{price}},"qty":{{qty}}{{extra}}{{stp}}}""");

    private static readonly Gen<string> Cancel = Gen.Select(Account, MarketName, OrderId)
        .Select((a, m, id) => $$"""{"cmd":"cancel","account":"{{a}}","market":"{{m}}","id":"{{id}}"}""");

    private static readonly Gen<string> Amend = Gen.Select(Account, MarketName, OrderId, Gen.Int[96, 104], Gen.Int[1, 12], Gen.Int[0, 2])
        .Select((a, m, id, price, qty, which) => which switch
        {
            0 => $$"""{"cmd":"amend","account":"{{a}}","market":"{{m}}","id":"{{id}}","qty":{{qty}}}""",
            1 => $$"""{"cmd":"amend","account":"{{a}}","market":"{{m}}","id":"{{id}}","price":{{price}}}""",
            _ => $$"""{"cmd":"amend","account":"{{a}}","market":"{{m}}","id":"{{id}}","price":{{price}},"qty":{{qty}}}""",
        });

    private static readonly Gen<string> Other = Gen.OneOf(
        Gen.Select(Account, MarketName).Select((a, m) => $$"""{"cmd":"massCancel","account":"{{a}}","market":"{{m}}"}"""),
        Account.Select(a => $$"""{"cmd":"massCancel","account":"{{a}}"}"""),
        MarketName.Select(m => $$"""{"cmd":"book","market":"{{m}}"}"""),
        Gen.Select(Account, Gen.OneOf("B", "C", "Q")).Select((a, s) => $$"""{"cmd":"balance","account":"{{a}}","asset":"{{s}}"}"""),
        Gen.Select(Account, Gen.Int[1, 3000]).Select((a, n) => $$"""{"cmd":"withdraw","account":"{{a}}","asset":"Q","amount":{{n}}}"""),
        Gen.OneOf("", "not json", """{"cmd":"place"}""", """{"cmd":"book","market":"M1","extra":1}"""));

    private static readonly Gen<string[]> Scenario =
        Gen.Frequency((5, Place), (2, Cancel), (2, Amend), (2, Other)).Array[1, 80];

    [Fact]
    public void Run_RandomScenarios_BothBooksPrintIdenticalWellFormedLines()
    {
        Scenario.Sample(lines =>
        {
            string input = string.Join('\n', [.. Prelude, .. lines]);
            string fast = ReplayHarness.RunToText(input, BookKind.Fast, hash: true, check: false);
            string reference = ReplayHarness.RunToText(input, BookKind.Reference, hash: true, check: false);

            Assert.Equal(reference, fast);
            foreach (string line in ReplayHarness.Lines(fast))
            {
                using JsonDocument document = JsonDocument.Parse(line);
                Assert.Equal("evt", document.RootElement.EnumerateObject().First().Name);
            }
        }, iter: 300, print: lines => string.Join('\n', lines));
    }
}
