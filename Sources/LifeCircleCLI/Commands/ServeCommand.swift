import ArgumentParser
import Dispatch
import FacilityKit
import Foundation
import Server

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve the registry over HTTP as OGC API – Features, for QGIS, GDAL and browsers.",
        discussion: """
            The registry is served read-only at http://HOST:PORT/api (landing page, /api/conformance,
            /api/collections, /api/collections/KIND/items with bbox, limit, offset and datetime as the as-of
            date, /api/openapi.json). Each request reads the registry as it is then, so an import running at the
            same time shows up at the next request and never makes one fail. One JSON line per request goes to
            stderr (method, path, status, ms). Ctrl-C or SIGTERM stops it after the requests in flight.

            It listens on loopback (127.0.0.1) by default: there are no users yet, so anyone who reaches the port
            reads the registry. --port 0 takes any free port; the URL printed says which. QGIS connects to it as
            a "WFS / OGC API – Features" connection, GDAL as OAPIF:http://127.0.0.1:8080/api.

            Examples:
              lifecircle serve --registry huadu.gpkg
              lifecircle serve --registry huadu.gpkg --port 0 --lang en
            """)

    @OptionGroup var global: GlobalOptions
    @Option(help: ArgumentHelp("The address to listen on (default: loopback). Example: --host 127.0.0.1",
                               valueName: "address"))
    var host = "127.0.0.1"
    @Option(help: ArgumentHelp("The port; 0 picks a free one. Example: --port 8080", valueName: "port"))
    var port = 8080

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port \(port): expected 0…65535") }
    }

    func run() throws {
        let workspace = try Workspace(options: global)
        _ = try workspace.openStoreForReading()
        let configuration = ServerConfiguration(
            registryPath: global.registry, plugins: workspace.plugins, host: host, port: port, language: global.lang)
        if !configuration.isLoopback {
            Console.warning(global.lang == .zh
                ? "正在 \(host) 上监听：尚无用户与权限，能连到此端口的任何人都能读取登记库"
                : "listening on \(host): there are no users yet, so anyone who reaches this port reads the registry")
        }
        let zh = global.lang == .zh
        let registry = global.registry
        try Self.block {
            try await RegistryServer(configuration: configuration).run { url in
                let line = zh ? "正在提供 \(registry)：\(url.absoluteString)（Ctrl-C 停止）\n"
                    : "Serving \(registry) at \(url.absoluteString) (Ctrl-C stops)\n"
                // Unbuffered, so a program reading the pipe sees the URL at once.
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        }
        Console.note(zh ? "已停止" : "Stopped")
    }

    /// Runs async work to its end from this synchronous command (the command tree is synchronous).
    private static func block(_ work: @escaping @Sendable () async throws -> Void) throws {
        let outcome = Outcome()
        Task {
            do { try await work() } catch { outcome.error = error }
            outcome.finished.signal()
        }
        outcome.finished.wait()
        if let error = outcome.error { throw error }
    }

    /// What the async work left: written before `finished` is signalled, read after it.
    private final class Outcome: @unchecked Sendable {
        var error: (any Error)?
        let finished = DispatchSemaphore(value: 0)
    }
}
