import Synchronization

/// Hands out unique IPv4 addresses from a /16 (`prefix.x.y`), remembering which object holds
/// which address.
final class AddressPool: Sendable {
    private struct State {
        var holders: [String: String] = [:]
        var addresses: [String: String] = [:]
        var next = 0
    }

    private let prefix: String
    private let firstIndex: Int
    private let state = Mutex(State())

    /// A pool of `prefix.x.y`; the first `reserved` addresses are never handed out.
    init(prefix: String, reserved: Int = 1) {
        self.prefix = prefix
        self.firstIndex = reserved
    }

    /// Records that `holder` uses `address` (seen on an existing object).
    func record(_ address: String, holder: String) {
        state.withLock { state in
            if let previous = state.addresses[holder], previous != address { state.holders[previous] = nil }
            state.holders[address] = holder
            state.addresses[holder] = address
        }
    }

    /// The address of `holder`, allocating one when it has none; `nil` when the pool is full.
    func address(for holder: String) -> String? {
        state.withLock { state in
            if let address = state.addresses[holder] { return address }
            let capacity = 65_536 - firstIndex
            for _ in 0..<capacity {
                let index = firstIndex + state.next % capacity
                state.next += 1
                let (high, low) = index.quotientAndRemainder(dividingBy: 256)
                if low == 0 || low == 255 { continue }
                let address = "\(prefix).\(high).\(low)"
                if state.holders[address] == nil {
                    state.holders[address] = holder
                    state.addresses[holder] = address
                    return address
                }
            }
            return nil
        }
    }

    /// Frees the address of `holder`.
    func release(holder: String) {
        state.withLock { state in
            if let address = state.addresses.removeValue(forKey: holder), state.holders[address] == holder {
                state.holders[address] = nil
            }
        }
    }
}
