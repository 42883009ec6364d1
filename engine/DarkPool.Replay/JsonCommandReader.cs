using System.Diagnostics.CodeAnalysis;
using System.Text.Json;
using DarkPool.Engine;
using static DarkPool.Replay.JsonFields;

namespace DarkPool.Replay;

/// <summary>
/// Turns one JSON Lines command into an engine <see cref="Command"/>, interning its names. The reader checks
/// form only (JSON types, required fields, enum spellings, integer ranges); every business rule is left to
/// the engine, so that a bad price or an unknown market comes back as the engine's rejection. A line that
/// fails interns nothing.
/// </summary>
internal sealed class JsonCommandReader
{
    private static readonly string[] MarketFields = ["market", "base", "quote", "tickSize", "lotSize", "makerFeeBps", "takerFeeBps", "mode", "maxReferenceAge"];
    private static readonly string[] FundsFields = ["account", "asset", "amount"];
    private static readonly string[] PlaceFields = ["account", "market", "id", "side", "type", "price", "qty", "tif", "postOnly", "budget", "minQty", "stp"];
    private static readonly string[] OrderFields = ["account", "market", "id"];
    private static readonly string[] AmendFields = ["account", "market", "id", "price", "qty"];
    private static readonly string[] MassCancelFields = ["account", "market"];
    private static readonly string[] ReferenceFields = ["market", "bid", "ask", "observedAt"];
    private static readonly string[] MarketOnlyFields = ["market"];
    private static readonly string[] BalanceFields = ["account", "asset"];

    private readonly NameTable _names;

    public JsonCommandReader(NameTable names)
    {
        _names = names;
    }

    /// <summary>Parses one non-blank line; on failure <paramref name="error"/> says what is wrong and names the field.</summary>
    public bool TryRead(string line, out Command command, [NotNullWhen(false)] out string? error)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(line);
            command = Read(document.RootElement);
            error = null;
            return true;
        }
        catch (JsonException ex)
        {
            error = DescribeSyntaxError(ex);
        }
        catch (CommandFormatException ex)
        {
            error = ex.Message;
        }
        catch (InvalidOperationException)
        {
            // A field name with an unpaired surrogate escape: valid JSON, but no text.
            error = "a field name is not valid text (an unpaired surrogate escape)";
        }

        command = default;
        return false;
    }

    /// <summary>The parser's own explanation, without its 0-based position suffix; the byte position is 1-based.</summary>
    private static string DescribeSyntaxError(JsonException ex)
    {
        string detail = ex.Message;
        int suffix = detail.IndexOf(" LineNumber:", StringComparison.Ordinal);
        if (suffix >= 0)
        {
            detail = detail[..suffix];
        }

        return ex.BytePositionInLine is long position
            ? $"not valid JSON at byte {position + 1}: {detail}"
            : $"not valid JSON: {detail}";
    }

    private Command Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CommandFormatException("a command must be a JSON object");
        }

        JsonElement cmdElement = Required(root, "cmd");
        if (cmdElement.ValueKind != JsonValueKind.String)
        {
            throw new CommandFormatException("field \"cmd\" must be a string");
        }

        string cmd = Text(cmdElement, "cmd");
        if (!WireNames.Commands.TryParse(cmd, out CommandType type))
        {
            throw new CommandFormatException($"unknown cmd \"{cmd}\"; expected one of {WireNames.Commands.Choices}");
        }

        long timestamp = OptionalLong(root, "ts") ?? 0;
        Command command = type switch
        {
            CommandType.CreateMarket => ReadMarket(root, cmd),
            CommandType.Deposit or CommandType.Withdraw => ReadFunds(root, cmd, type),
            CommandType.Place => ReadPlace(root, cmd),
            CommandType.Cancel => ReadCancel(root, cmd),
            CommandType.Amend => ReadAmend(root, cmd),
            CommandType.MassCancel => ReadMassCancel(root, cmd),
            CommandType.Reference => ReadReference(root, cmd, timestamp),
            CommandType.Auction or CommandType.QueryBook => ReadMarketOnly(root, cmd, type),
            _ => ReadBalance(root, cmd),
        };
        command.Timestamp = timestamp;
        return command;
    }

    private Command ReadMarket(JsonElement c, string cmd)
    {
        CheckKnown(c, cmd, MarketFields);
        string market = RequiredName(c, "market");
        string baseAsset = RequiredName(c, "base");
        string quoteAsset = RequiredName(c, "quote");
        long tickSize = RequiredLong(c, "tickSize");
        long lotSize = RequiredLong(c, "lotSize");
        int makerFeeBps = OptionalInt(c, "makerFeeBps") ?? 0;
        int takerFeeBps = OptionalInt(c, "takerFeeBps") ?? 0;
        MarketMode mode = OptionalEnum(c, "mode", WireNames.MarketModes, MarketMode.Continuous);
        long maxReferenceAge = OptionalLong(c, "maxReferenceAge") ?? 0;
        CheckAssetRoom("base", baseAsset, null);
        CheckAssetRoom("quote", quoteAsset, baseAsset);
        return Command.NewMarket(_names.Market(market), _names.Asset(baseAsset), _names.Asset(quoteAsset), tickSize, lotSize,
            makerFeeBps, takerFeeBps, mode, maxReferenceAge);
    }

    private Command ReadFunds(JsonElement c, string cmd, CommandType type)
    {
        CheckKnown(c, cmd, FundsFields);
        string account = RequiredName(c, "account");
        string asset = RequiredName(c, "asset");
        long amount = RequiredLong(c, "amount");
        CheckAssetRoom("asset", asset, null);
        return new Command { Type = type, Account = _names.Account(account), Asset = _names.Asset(asset), Amount = amount };
    }

    private Command ReadPlace(JsonElement c, string cmd)
    {
        CheckKnown(c, cmd, PlaceFields);
        string account = RequiredName(c, "account");
        string market = RequiredName(c, "market");
        string id = RequiredName(c, "id");
        Side side = RequiredEnum(c, "side", WireNames.Sides);
        OrderType orderType = OptionalEnum(c, "type", WireNames.OrderTypes, OrderType.Limit);
        long? price = OptionalLong(c, "price");
        if (orderType == OrderType.Limit && price is null)
        {
            throw new CommandFormatException("missing field \"price\" (required for a limit order)");
        }

        long quantity = RequiredLong(c, "qty");
        TimeInForce defaultTif = orderType == OrderType.Market ? TimeInForce.Ioc : TimeInForce.Gtc;
        TimeInForce tif = OptionalEnum(c, "tif", WireNames.TimesInForce, defaultTif);
        bool postOnly = OptionalBool(c, "postOnly");
        long? budget = OptionalLong(c, "budget");
        long? minQuantity = OptionalLong(c, "minQty");
        StpMode stp = OptionalEnum(c, "stp", WireNames.StpModes, StpMode.CancelResting);

        // A midpoint order's price is its optional cap (buy) or floor (sell): the engine reads it only with HasPrice.
        // Any other type's price is passed on as it is, so that a price on a market order comes back invalid_price.
        bool pegLimit = orderType == OrderType.Midpoint && price.HasValue;
        CommandFlags flags = (postOnly ? CommandFlags.PostOnly : CommandFlags.None)
            | (pegLimit ? CommandFlags.HasPrice : CommandFlags.None)
            | (budget.HasValue ? CommandFlags.HasBudget : CommandFlags.None)
            | (minQuantity.HasValue ? CommandFlags.HasMinQuantity : CommandFlags.None);
        return new Command
        {
            Type = CommandType.Place,
            Flags = flags,
            Account = _names.Account(account),
            Market = _names.Market(market),
            OrderId = _names.Order(id),
            Side = side,
            OrderType = orderType,
            Price = price ?? 0,
            Quantity = quantity,
            TimeInForce = tif,
            Budget = budget ?? 0,
            MinQuantity = minQuantity ?? 0,
            Stp = stp,
        };
    }

    private Command ReadCancel(JsonElement c, string cmd)
    {
        CheckKnown(c, cmd, OrderFields);
        string account = RequiredName(c, "account");
        string market = RequiredName(c, "market");
        string id = RequiredName(c, "id");
        return Command.CancelOrder(_names.Account(account), _names.Market(market), _names.Order(id));
    }

    private Command ReadAmend(JsonElement c, string cmd)
    {
        CheckKnown(c, cmd, AmendFields);
        string account = RequiredName(c, "account");
        string market = RequiredName(c, "market");
        string id = RequiredName(c, "id");
        long? price = OptionalLong(c, "price");
        long? quantity = OptionalLong(c, "qty");
        return Command.AmendOrder(_names.Account(account), _names.Market(market), _names.Order(id), price, quantity);
    }

    private Command ReadMassCancel(JsonElement c, string cmd)
    {
        CheckKnown(c, cmd, MassCancelFields);
        string account = RequiredName(c, "account");
        string? market = OptionalName(c, "market");
        return Command.MassCancelOrders(_names.Account(account), market is null ? null : _names.Market(market));
    }

    /// <summary>A reference without <c>observedAt</c> was observed when it was sequenced: at its <c>ts</c>.</summary>
    private Command ReadReference(JsonElement c, string cmd, long timestamp)
    {
        CheckKnown(c, cmd, ReferenceFields);
        string market = RequiredName(c, "market");
        long bid = RequiredLong(c, "bid");
        long ask = RequiredLong(c, "ask");
        long observedAt = OptionalLong(c, "observedAt") ?? timestamp;
        return Command.ReferencePrice(_names.Market(market), bid, ask, observedAt, timestamp);
    }

    private Command ReadMarketOnly(JsonElement c, string cmd, CommandType type)
    {
        CheckKnown(c, cmd, MarketOnlyFields);
        string market = RequiredName(c, "market");
        return new Command { Type = type, Market = _names.Market(market) };
    }

    private Command ReadBalance(JsonElement c, string cmd)
    {
        CheckKnown(c, cmd, BalanceFields);
        string account = RequiredName(c, "account");
        string asset = RequiredName(c, "asset");
        CheckAssetRoom("asset", asset, null);
        return Command.BalanceQuery(_names.Account(account), _names.Asset(asset));
    }

    /// <summary>Fails when <paramref name="name"/> (with <paramref name="earlier"/>, a name of the same line not yet interned) would need an asset id the engine does not have.</summary>
    private void CheckAssetRoom(string field, string name, string? earlier)
    {
        if (!_names.HasRoomForAssets(name, earlier))
        {
            throw new CommandFormatException($"field \"{field}\": too many assets, the engine allows {_names.MaxAssets}");
        }
    }
}
