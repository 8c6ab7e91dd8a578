public import FacilityKit
public import FacilityRegistry
public import Foundation
import Hummingbird
import Logging
import NIOConcurrencyHelpers
import NIOCore

/// What `lifecircle serve` serves and where.
public struct ServerConfiguration: Sendable {
    /// The registry GeoPackage; every request opens it read-only, so an import writing at the same time never fails
    /// a request.
    public var registryPath: String
    /// The plugins of this run: the collections are the kinds they describe that the registry holds.
    public var plugins: PluginRegistry
    /// The address to listen on: loopback unless the user names another.
    public var host: String
    /// The port; 0 lets the system pick a free one (the URL printed says which).
    public var port: Int
    /// The language of titles and error messages.
    public var language: ReportLanguage

    public init(registryPath: String, plugins: PluginRegistry, host: String = "127.0.0.1", port: Int = 8080,
                language: ReportLanguage = .zh) {
        self.registryPath = registryPath
        self.plugins = plugins
        self.host = host
        self.port = port
        self.language = language
    }

    /// Whether the address only takes connections from this machine.
    public var isLoopback: Bool {
        host == "localhost" || host == "::1" || host.hasPrefix("127.")
    }
}

/// The HTTP server: OGC API – Features over the registry, on Hummingbird 2.
public struct RegistryServer: Sendable {
    public let configuration: ServerConfiguration

    public init(configuration: ServerConfiguration) {
        self.configuration = configuration
    }

    /// Listens until SIGTERM or SIGINT, then stops taking connections and finishes the requests in flight
    /// (swift-service-lifecycle's graceful shutdown). `onListening` gets the landing page's URL once the socket is
    /// bound, with the port the system chose when `port` was 0.
    public func run(
        accessLog: AccessLog = .standardError, onListening: @escaping @Sendable (URL) -> Void
    ) async throws {
        let listening = NIOLockedValueBox(false)
        do {
            try await application(accessLog: accessLog) { url in
                listening.withLockedValue { $0 = true }
                onListening(url)
            }.runService()
        } catch where !listening.withLockedValue({ $0 }) {
            throw ServerError.cannotListen(host: configuration.host, port: configuration.port, reason: "\(error)")
        }
    }

    /// Serves until the task is cancelled, without signal handlers: for tests in this process.
    func runUntilCancelled(accessLog: AccessLog, onListening: @escaping @Sendable (URL) -> Void) async throws {
        try await application(accessLog: accessLog, onListening: onListening).run()
    }

    /// The application: the routes, the access log, the address.
    func application(
        accessLog: AccessLog, onListening: @escaping @Sendable (URL) -> Void
    ) -> some ApplicationProtocol {
        let router = Router()
        router.middlewares.add(AccessLogMiddleware(log: accessLog))
        FeaturesRoutes(api: FeaturesAPI(configuration: configuration)).add(to: router)
        var logger = Logger(label: "lifecircle.serve")
        logger.logLevel = .warning
        let host = configuration.host
        return Application(
            router: router,
            configuration: ApplicationConfiguration(
                address: .hostname(host, port: configuration.port), serverName: "lifecircle"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? 0
                let shownHost = host.contains(":") ? "[\(host)]" : host
                if let url = URL(string: "http://\(shownHost):\(port)/api") { onListening(url) }
            },
            logger: logger)
    }
}
