using System.Buffers;
using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using DarkPool.Engine;

namespace DarkPool.Replay;

/// <summary>
/// Writes the engine's events as JSON Lines, one object a line, names instead of ids. Output is buffered and
/// reaches the stream in large writes, and always on <see cref="Flush"/>. Field order is part of the
/// contract (docs/REPLAY-SCHEMA.md): <c>evt</c> first, then the fields in the documented order.
/// </summary>
internal sealed class JsonEventWriter : IEventSink, IDisposable
{
    private const int FlushThreshold = 1 << 16;

    // Names are printed as they were given: the output is read by tools, never embedded in HTML.
    private static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly Stream _output;
    private readonly NameTable _names;
    private readonly ArrayBufferWriter<byte> _buffer = new(FlushThreshold * 2);
    private readonly Utf8JsonWriter _json;

    public JsonEventWriter(Stream output, NameTable names)
    {
        _output = output;
        _names = names;
        _json = new Utf8JsonWriter(_buffer, WriterOptions);
    }

    public void OnEvent(in EngineEvent e)
    {
        _json.WriteStartObject();
        switch (e.Type)
        {
            case EventType.Accepted:
                _json.WriteString("evt", "accepted");
                WriteOrder(e);
                break;
            case EventType.Rejected:
                WriteRejected(e);
                break;
            case EventType.Trade:
                WriteTrade(e);
                break;
            case EventType.Cancelled:
                _json.WriteString("evt", "cancelled");
                WriteOrder(e);
                _json.WriteNumber("qty", e.Quantity);
                _json.WriteString("reason", WireNames.CancelReasons.Name(e.CancelReason));
                break;
            case EventType.Amended:
                _json.WriteString("evt", "amended");
                WriteOrder(e);
                _json.WriteNumber("price", e.Price);
                _json.WriteNumber("qty", e.Quantity);
                break;
            case EventType.Reduced:
                _json.WriteString("evt", "reduced");
                WriteOrder(e);
                _json.WriteNumber("qty", e.Quantity);
                _json.WriteNumber("remaining", e.Remaining);
                _json.WriteString("reason", WireNames.CancelReasons.Name(e.CancelReason));
                break;
            case EventType.MarketCreated:
                _json.WriteString("evt", "market");
                _json.WriteString("market", _names.MarketName(e.Market));
                break;
            case EventType.Deposited:
            case EventType.Withdrawn:
                _json.WriteString("evt", e.Type == EventType.Deposited ? "deposited" : "withdrawn");
                _json.WriteString("account", _names.AccountName(e.Account));
                _json.WriteString("asset", _names.AssetName(e.Asset));
                _json.WriteNumber("amount", e.Amount);
                break;
            case EventType.MassCancelled:
                _json.WriteString("evt", "massCancelled");
                _json.WriteString("account", _names.AccountName(e.Account));
                if (e.Market >= 0)
                {
                    _json.WriteString("market", _names.MarketName(e.Market));
                }

                _json.WriteNumber("count", e.Quantity);
                break;
            case EventType.Balance:
                _json.WriteString("evt", "balance");
                _json.WriteString("account", _names.AccountName(e.Account));
                _json.WriteString("asset", _names.AssetName(e.Asset));
                _json.WriteNumber("available", e.Available);
                _json.WriteNumber("held", e.Held);
                break;
            case EventType.ReferenceUpdated:
                _json.WriteString("evt", "reference");
                _json.WriteString("market", _names.MarketName(e.Market));
                _json.WriteNumber("bid", e.Bid);
                _json.WriteNumber("ask", e.Ask);
                _json.WriteNumber("mid", e.Price);
                break;
            case EventType.Uncrossed:
                _json.WriteString("evt", "uncrossed");
                _json.WriteString("market", _names.MarketName(e.Market));
                _json.WriteNumber("price", e.Price);
                _json.WriteNumber("qty", e.Quantity);
                break;
            default:
                _json.WriteString("evt", "unknown");
                _json.WriteNumber("type", (int)e.Type);
                break;
        }

        EndLine();
    }

    public void OnBook(int market, ReadOnlySpan<BookLevel> bids, ReadOnlySpan<BookLevel> asks)
    {
        _json.WriteStartObject();
        _json.WriteString("evt", "book");
        _json.WriteString("market", _names.MarketName(market));
        WriteLevels("bids", bids);
        WriteLevels("asks", asks);
        EndLine();
    }

    /// <summary>A line that is not a well-formed command; <paramref name="line"/> is 1-based.</summary>
    public void WriteError(int line, string message)
    {
        _json.WriteStartObject();
        _json.WriteString("evt", "error");
        _json.WriteNumber("line", line);
        _json.WriteString("message", message);
        EndLine();
    }

    /// <summary>The engine's state hash, as 16 lower-case hex digits.</summary>
    public void WriteState(long hash)
    {
        _json.WriteStartObject();
        _json.WriteString("evt", "state");
        _json.WriteString("hash", hash.ToString("x16", CultureInfo.InvariantCulture));
        EndLine();
    }

    /// <summary>Writes everything buffered to the stream and flushes it.</summary>
    public void Flush()
    {
        WriteBuffer();
        _output.Flush();
    }

    public void Dispose() => _json.Dispose();

    /// <summary>account, id, market: the fields every order event starts with.</summary>
    private void WriteOrder(in EngineEvent e)
    {
        _json.WriteString("account", _names.AccountName(e.Account));
        _json.WriteString("id", _names.OrderName(e.OrderId));
        _json.WriteString("market", _names.MarketName(e.Market));
    }

    /// <summary>Names only the fields the rejected command has: the engine echoes all of them, set or not.</summary>
    private void WriteRejected(in EngineEvent e)
    {
        _json.WriteString("evt", "rejected");
        _json.WriteString("cmd", WireNames.Commands.Name(e.Command));
        switch (e.Command)
        {
            case CommandType.Place:
            case CommandType.Cancel:
            case CommandType.Amend:
                WriteOrder(e);
                break;
            case CommandType.MassCancel:
                // Only an unknown market names the market: an unknown account can come without one.
                _json.WriteString("account", _names.AccountName(e.Account));
                if (e.RejectReason == RejectReason.UnknownMarket)
                {
                    _json.WriteString("market", _names.MarketName(e.Market));
                }

                break;
            case CommandType.Deposit:
            case CommandType.Withdraw:
            case CommandType.QueryBalance:
                _json.WriteString("account", _names.AccountName(e.Account));
                _json.WriteString("asset", _names.AssetName(e.Asset));
                break;
            case CommandType.CreateMarket:
            case CommandType.Reference:
            case CommandType.Auction:
            case CommandType.QueryBook:
                _json.WriteString("market", _names.MarketName(e.Market));
                break;
            default:
                break;
        }

        _json.WriteString("reason", WireNames.RejectReasons.Name(e.RejectReason));
    }

    /// <summary>
    /// The engine's taker fields are the incoming order; in an auction, where nobody takes, they are the buyer
    /// (so <c>takerSide</c> is <c>buy</c>) and the maker fields the seller, both paying the maker fee.
    /// </summary>
    private void WriteTrade(in EngineEvent e)
    {
        _json.WriteString("evt", "trade");
        _json.WriteString("market", _names.MarketName(e.Market));
        _json.WriteNumber("price", e.Price);
        _json.WriteNumber("qty", e.Quantity);
        _json.WriteString("maker", _names.AccountName(e.MakerAccount));
        _json.WriteString("makerId", _names.OrderName(e.MakerOrderId));
        _json.WriteString("taker", _names.AccountName(e.Account));
        _json.WriteString("takerId", _names.OrderName(e.OrderId));
        _json.WriteString("takerSide", WireNames.Sides.Name(e.Side));
        _json.WriteNumber("makerFee", e.MakerFee);
        _json.WriteNumber("takerFee", e.TakerFee);
    }

    private void WriteLevels(string name, ReadOnlySpan<BookLevel> levels)
    {
        _json.WriteStartArray(name);
        foreach (BookLevel level in levels)
        {
            _json.WriteStartArray();
            _json.WriteNumberValue(level.Price);
            _json.WriteNumberValue(level.Quantity);
            _json.WriteNumberValue(level.Orders);
            _json.WriteEndArray();
        }

        _json.WriteEndArray();
    }

    /// <summary>Ends the current object and its line; the JSON writer starts afresh for the next top-level value.</summary>
    private void EndLine()
    {
        _json.WriteEndObject();
        _json.Flush();
        _json.Reset();
        _buffer.GetSpan(1)[0] = (byte)'\n';
        _buffer.Advance(1);
        if (_buffer.WrittenCount >= FlushThreshold)
        {
            WriteBuffer();
        }
    }

    private void WriteBuffer()
    {
        if (_buffer.WrittenCount > 0)
        {
            _output.Write(_buffer.WrittenSpan);
            _buffer.ResetWrittenCount();
        }
    }
}
