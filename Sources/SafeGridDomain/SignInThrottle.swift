/// How sign-in attempts are slowed. Each attempt is counted before the password is checked,
/// so parallel guesses cannot all slip through before the first failure is written. A key gets
/// `freeTries` attempts, then each further one waits a delay that grows to `maxDelay`; a
/// success clears the key. Keys are per account *and* client address, so a stranger guessing
/// from elsewhere slows only himself and cannot lock the real user out, plus one per address
/// with more room, against one address trying many accounts.
public enum SignInThrottle {
    public enum Scope: Sendable {
        case accountAtAddress
        case address

        public var freeTries: Int {
            switch self {
            case .accountAtAddress: 5
            case .address: 50
            }
        }
    }

    /// The longest wait between two attempts once the free ones are used.
    public static let maxDelaySeconds = 300

    /// Seconds the key must wait after its `failures`-th counted attempt; nil while it still has
    /// free tries. 15 s after the last free try, doubling each time up to `maxDelaySeconds`.
    public static func delay(afterAttempt failures: Int, scope: Scope) -> Int? {
        let beyond = failures - scope.freeTries
        guard beyond >= 0 else { return nil }
        return beyond >= 5 ? maxDelaySeconds : min(maxDelaySeconds, 15 << beyond)
    }
}
