// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

/// @title DarkPool settlement contract
/// @notice Holds deposited ERC-20 tokens, keeps a running hash over all deposits, accepts settlement
/// batches signed by the registered enclave key, and pays the batches' withdrawals. Everything else in a
/// batch is ciphertext that only the enclave and each account can read. docs/SETTLEMENT.md is the
/// specification; the embedded chain in DarkPool.Chain enforces the same rules in C#.
contract DarkPoolSettlement {
    // ---- Batch layout (big-endian, packed; see docs/SETTLEMENT.md) ----
    bytes4 private constant BATCH_MAGIC = 0x44505342; // "DPSB"
    uint16 private constant BATCH_VERSION = 1;
    uint256 private constant HEADER_SIZE = 124;
    uint256 private constant WITHDRAWAL_SIZE = 72;

    // ---- What the enclave signs: an EIP-712 digest over the batch hash ----
    bytes32 private constant DOMAIN_TYPEHASH =
        keccak256("EIP712Domain(string name,string version,uint256 chainId,address verifyingContract)");
    bytes32 private constant BATCH_TYPEHASH = keccak256("SettlementBatch(bytes32 batchHash)");
    bytes32 private constant NAME_HASH = keccak256("DarkPoolSettlement");
    bytes32 private constant VERSION_HASH = keccak256("1");
    /// @dev secp256k1 order / 2: signatures with a larger s are malleable copies and are refused.
    uint256 private constant HALF_ORDER = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0;

    /// @notice The only address that may register or rotate the enclave key.
    address public immutable governance;
    uint256 private immutable _deployChainId;
    bytes32 private immutable _deployDomainSeparator;

    /// @notice The enclave's settlement key (an Ethereum address); zero until registered.
    address public enclaveKey;
    /// @notice Sequence number the next batch must carry; the first batch is 1.
    uint64 public nextSequence = 1;
    /// @notice Number of deposits so far; deposit indexes run from 1 to depositCount.
    uint64 public depositCount;
    /// @notice Deposit cursor index of the newest settled batch; cursors never move backwards.
    uint64 public settledDepositIndex;
    /// @notice Hash of the newest settled batch (zero before the first).
    bytes32 public lastBatchHash;
    /// @notice Journal head committed by the newest settled batch: the enclave's rollback anchor.
    bytes32 public journalHead;

    mapping(uint256 index => bytes32 runningHash) private _depositHashes;
    mapping(uint256 sequence => bytes32 batchHash) private _batchHashes;
    /// @notice Tokens held on behalf of the dark pool, per token: deposits minus withdrawals.
    mapping(address token => uint256 amount) public custody;

    bool private transient _locked;

    /// @notice A deposit was credited to `account`; `runningHash` chains it onto all earlier deposits.
    event Deposited(
        uint64 indexed index, address indexed token, address indexed account, uint256 amount, bytes32 runningHash
    );
    /// @notice The enclave key was registered or rotated; batches from `fromSequence` on need it.
    event EnclaveKeyRegistered(address indexed key, uint64 fromSequence);
    /// @notice A batch settled: its hash, the journal head it anchors and its opaque ciphertext.
    event BatchSettled(uint64 indexed sequence, bytes32 indexed batchHash, bytes32 journalHead, bytes ciphertext);

    error NotGovernance(address caller);
    error ZeroAddress();
    error ZeroAmount();
    error DepositAmountMismatch(uint256 expected, uint256 received);
    error TokenCallFailed(address token);
    error Reentrancy();
    error MalformedBatch();
    error EnclaveKeyNotRegistered();
    error InvalidSignature();
    error SignerMismatch(address recovered, address expected);
    error BatchAlreadySettled(uint64 sequence);
    error SequenceMismatch(uint64 expected, uint64 actual);
    error PreviousHashMismatch(bytes32 expected, bytes32 actual);
    error DepositCursorAhead(uint64 index, uint64 depositCount);
    error DepositCursorBehind(uint64 index, uint64 settledIndex);
    error DepositCursorMismatch(uint64 index, bytes32 expected, bytes32 actual);
    error InvalidWithdrawal(uint256 position);
    error InsufficientCustody(address token, uint256 available, uint256 requested);

    modifier nonReentrant() {
        if (_locked) revert Reentrancy();
        _locked = true;
        _;
        _locked = false;
    }

    constructor(address governance_) {
        if (governance_ == address(0)) revert ZeroAddress();
        governance = governance_;
        _deployChainId = block.chainid;
        _deployDomainSeparator = _domainSeparator();
    }

    // ---------------------------------------------------------------- governance

    /// @notice Registers or rotates the enclave's settlement key, after governance has verified the
    /// enclave's attestation off chain.
    function registerEnclaveKey(address key) external {
        if (msg.sender != governance) revert NotGovernance(msg.sender);
        if (key == address(0)) revert ZeroAddress();
        enclaveKey = key;
        emit EnclaveKeyRegistered(key, nextSequence);
    }

    // ---------------------------------------------------------------- deposits

    /// @notice Pulls `amount` of `token` from the caller (approve first) and credits it to `account`.
    /// @dev Index i (1-based) gets H_i = keccak256(abi.encode(H_{i-1}, uint64 i, token, account, amount)),
    /// H_0 = 0. Fee-on-transfer tokens are refused: the amount received must be exactly `amount`.
    function deposit(address token, address account, uint256 amount) external nonReentrant returns (uint64 index) {
        if (account == address(0) || token == address(0)) revert ZeroAddress();
        if (amount == 0) revert ZeroAmount();

        index = depositCount + 1;
        bytes32 runningHash = keccak256(abi.encode(_depositHashes[index - 1], index, token, account, amount));
        depositCount = index;
        _depositHashes[index] = runningHash;
        custody[token] += amount;

        uint256 before = _balanceOf(token);
        _call(token, abi.encodeWithSelector(0x23b872dd, msg.sender, address(this), amount)); // transferFrom
        uint256 afterwards = _balanceOf(token);
        uint256 received = afterwards > before ? afterwards - before : 0;
        if (received != amount) revert DepositAmountMismatch(amount, received);

        emit Deposited(index, token, account, amount, runningHash);
    }

    /// @notice Running hash after deposit `index`; index 0 is the empty chain (zero).
    function depositHash(uint64 index) external view returns (bytes32) {
        if (index > depositCount) revert DepositCursorAhead(index, depositCount);
        return _depositHashes[index];
    }

    // ---------------------------------------------------------------- settlement

    /// @notice Hash of the settled batch with `sequence`, zero if none.
    function batchHash(uint64 sequence) external view returns (bytes32) {
        return _batchHashes[sequence];
    }

    /// @notice EIP-712 domain separator: binds signatures to this chain and this contract.
    function domainSeparator() public view returns (bytes32) {
        return block.chainid == _deployChainId ? _deployDomainSeparator : _domainSeparator();
    }

    /// @notice The digest the enclave signs for a batch with hash `hash`.
    function settlementDigest(bytes32 hash) public view returns (bytes32) {
        return keccak256(
            abi.encodePacked(hex"1901", domainSeparator(), keccak256(abi.encode(BATCH_TYPEHASH, hash)))
        );
    }

    /// @notice Settles one batch: checks the enclave signature, the sequence, the previous batch hash
    /// and the deposit cursor, records the batch, then pays its withdrawals.
    /// @param batch the encoded batch (docs/SETTLEMENT.md); its keccak256 is the batch hash
    /// @param signature 65 bytes r | s | v over settlementDigest(keccak256(batch)), low s, v 27 or 28
    function settle(bytes calldata batch, bytes calldata signature) external nonReentrant {
        uint256 count = _checkLayout(batch);
        bytes32 hash = keccak256(batch);
        uint64 sequence = uint64(bytes8(batch[8:16]));
        uint64 expected = nextSequence;
        if (sequence < expected && _batchHashes[sequence] == hash) revert BatchAlreadySettled(sequence);

        _checkSignature(hash, signature);

        if (sequence != expected) revert SequenceMismatch(expected, sequence);
        {
            bytes32 previous = bytes32(batch[16:48]);
            if (previous != lastBatchHash) revert PreviousHashMismatch(lastBatchHash, previous);
        }
        uint64 cursor = uint64(bytes8(batch[80:88]));
        _checkDepositCursor(cursor, bytes32(batch[88:120]));

        // Effects: everything is recorded before any token moves.
        bytes32 head = bytes32(batch[48:80]);
        nextSequence = expected + 1;
        lastBatchHash = hash;
        journalHead = head;
        settledDepositIndex = cursor;
        _batchHashes[sequence] = hash;
        _debitWithdrawals(batch, count);
        emit BatchSettled(sequence, hash, head, batch[HEADER_SIZE + count * WITHDRAWAL_SIZE:]);

        // Interactions: pay the withdrawals.
        _payWithdrawals(batch, count);
    }

    // ---------------------------------------------------------------- internals

    /// @dev Checks magic, version and exact length; returns the withdrawal count.
    function _checkLayout(bytes calldata batch) private pure returns (uint256 count) {
        if (batch.length < HEADER_SIZE || bytes4(batch[0:4]) != BATCH_MAGIC) revert MalformedBatch();
        if (uint16(bytes2(batch[4:6])) != BATCH_VERSION) revert MalformedBatch();
        count = uint16(bytes2(batch[6:8]));
        uint256 cipherLength = uint32(bytes4(batch[120:124]));
        if (batch.length != HEADER_SIZE + count * WITHDRAWAL_SIZE + cipherLength) revert MalformedBatch();
    }

    /// @dev Validates every withdrawal and takes it out of custody; no token moves here.
    function _debitWithdrawals(bytes calldata batch, uint256 count) private {
        for (uint256 i = 0; i < count; ++i) {
            uint256 o = HEADER_SIZE + i * WITHDRAWAL_SIZE;
            address token = address(bytes20(batch[o:o + 20]));
            address recipient = address(bytes20(batch[o + 20:o + 40]));
            uint256 amount = uint256(bytes32(batch[o + 40:o + 72]));
            if (token == address(0) || recipient == address(0) || amount == 0) revert InvalidWithdrawal(i);
            uint256 available = custody[token];
            if (available < amount) revert InsufficientCustody(token, available, amount);
            unchecked {
                custody[token] = available - amount;
            }
        }
    }

    /// @dev Pays every withdrawal with an ERC-20 transfer; runs after all effects are recorded.
    function _payWithdrawals(bytes calldata batch, uint256 count) private {
        for (uint256 i = 0; i < count; ++i) {
            uint256 o = HEADER_SIZE + i * WITHDRAWAL_SIZE;
            address token = address(bytes20(batch[o:o + 20]));
            address recipient = address(bytes20(batch[o + 20:o + 40]));
            uint256 amount = uint256(bytes32(batch[o + 40:o + 72]));
            _call(token, abi.encodeWithSelector(0xa9059cbb, recipient, amount)); // transfer
        }
    }

    function _checkSignature(bytes32 hash, bytes calldata signature) private view {
        address key = enclaveKey;
        if (key == address(0)) revert EnclaveKeyNotRegistered();
        if (signature.length != 65) revert InvalidSignature();
        bytes32 r = bytes32(signature[0:32]);
        bytes32 s = bytes32(signature[32:64]);
        uint8 v = uint8(signature[64]);
        if (uint256(s) > HALF_ORDER || (v != 27 && v != 28)) revert InvalidSignature();
        address recovered = ecrecover(settlementDigest(hash), v, r, s);
        if (recovered == address(0)) revert InvalidSignature();
        if (recovered != key) revert SignerMismatch(recovered, key);
    }

    function _checkDepositCursor(uint64 index, bytes32 hash) private view {
        if (index > depositCount) revert DepositCursorAhead(index, depositCount);
        if (index < settledDepositIndex) revert DepositCursorBehind(index, settledDepositIndex);
        bytes32 recorded = _depositHashes[index];
        if (recorded != hash) revert DepositCursorMismatch(index, recorded, hash);
    }

    function _domainSeparator() private view returns (bytes32) {
        return keccak256(abi.encode(DOMAIN_TYPEHASH, NAME_HASH, VERSION_HASH, block.chainid, address(this)));
    }

    /// @dev Calls a token and accepts either no return data (older tokens) or an ABI bool true.
    function _call(address token, bytes memory data) private {
        if (token.code.length == 0) revert TokenCallFailed(token);
        (bool ok, bytes memory result) = token.call(data);
        if (!ok || (result.length != 0 && (result.length != 32 || abi.decode(result, (uint256)) != 1))) {
            revert TokenCallFailed(token);
        }
    }

    function _balanceOf(address token) private view returns (uint256) {
        if (token.code.length == 0) revert TokenCallFailed(token);
        (bool ok, bytes memory result) = token.staticcall(abi.encodeWithSelector(0x70a08231, address(this)));
        if (!ok || result.length != 32) revert TokenCallFailed(token);
        return abi.decode(result, (uint256));
    }
}
