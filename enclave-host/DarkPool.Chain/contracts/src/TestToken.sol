// SPDX-License-Identifier: UNLICENSED
pragma solidity 0.8.37;

/// @title Test token for development and tests
/// @notice A plain ERC-20 whose deployer may mint. With `returnsBool_` false, transfer and transferFrom
/// return no data, like some older tokens, so that the settlement contract's handling of them is tested.
contract TestToken {
    string public name;
    string public symbol;
    uint8 public constant decimals = 18;
    uint256 public totalSupply;
    address public immutable minter;
    bool public immutable returnsBool;

    mapping(address owner => uint256 amount) public balanceOf;
    mapping(address owner => mapping(address spender => uint256 amount)) public allowance;

    event Transfer(address indexed from, address indexed to, uint256 value);
    event Approval(address indexed owner, address indexed spender, uint256 value);

    error NotMinter(address caller);
    error InsufficientBalance(address owner, uint256 available, uint256 requested);
    error InsufficientAllowance(address owner, address spender, uint256 available, uint256 requested);

    constructor(string memory name_, string memory symbol_, bool returnsBool_) {
        name = name_;
        symbol = symbol_;
        minter = msg.sender;
        returnsBool = returnsBool_;
    }

    /// @notice Creates `amount` new tokens for `to`; only the deployer may.
    function mint(address to, uint256 amount) external {
        if (msg.sender != minter) revert NotMinter(msg.sender);
        totalSupply += amount;
        unchecked {
            balanceOf[to] += amount;
        }
        emit Transfer(address(0), to, amount);
    }

    function approve(address spender, uint256 amount) external returns (bool) {
        allowance[msg.sender][spender] = amount;
        emit Approval(msg.sender, spender, amount);
        return true;
    }

    function transfer(address to, uint256 amount) external returns (bool) {
        _move(msg.sender, to, amount);
        return _done();
    }

    function transferFrom(address from, address to, uint256 amount) external returns (bool) {
        uint256 allowed = allowance[from][msg.sender];
        if (allowed != type(uint256).max) {
            if (allowed < amount) revert InsufficientAllowance(from, msg.sender, allowed, amount);
            unchecked {
                allowance[from][msg.sender] = allowed - amount;
            }
        }
        _move(from, to, amount);
        return _done();
    }

    function _move(address from, address to, uint256 amount) private {
        uint256 available = balanceOf[from];
        if (available < amount) revert InsufficientBalance(from, available, amount);
        unchecked {
            balanceOf[from] = available - amount;
            balanceOf[to] += amount;
        }
        emit Transfer(from, to, amount);
    }

    function _done() private view returns (bool) {
        if (!returnsBool) {
            assembly {
                return(0, 0)
            }
        }
        return true;
    }
}
