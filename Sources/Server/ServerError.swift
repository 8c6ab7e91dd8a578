/// Why `lifecircle serve` could not serve.
public enum ServerError: Error, CustomStringConvertible, Equatable {
    /// The address could not be bound (the port taken, a host that is not this machine's).
    case cannotListen(host: String, port: Int, reason: String)

    public var description: String {
        switch self {
        case .cannotListen(let host, let port, let reason):
            "cannot listen on \(host):\(port): \(reason) (choose another with --port, or --port 0 for any free one)"
        }
    }
}
