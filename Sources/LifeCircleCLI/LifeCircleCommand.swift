public import ArgumentParser

/// `lifecircle`: the root of the command tree.
public struct LifeCircleCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "lifecircle",
        abstract: "LifeCircle: the facility registry and walking-coverage planner for 妇女/儿童发展规划 (2021–2030).",
        discussion: """
            Keeps a registry of facilities (母婴室, 公厕, …) in a GeoPackage that QGIS opens, one plugin per
            facility kind. Coordinates from AMap (gcj02), Baidu (bd09) or any EPSG system are converted once,
            on import, and stored in EPSG:4326.

            Example, a first session:
              lifecircle init
              lifecircle import maternity_room rooms.csv --crs gcj02
              lifecircle list maternity_room --bbox 113.1,23.3,113.3,23.5
              lifecircle nearest maternity_room --at 113.22,23.40 -k 3
              lifecircle export maternity_room --format gpkg -o rooms.gpkg
            """,
        version: "0.1.0",
        subcommands: [
            InitCommand.self, PluginsCommand.self, ImportCommand.self, ExportCommand.self, ListCommand.self,
            NearestCommand.self, EditCommand.self, MoveCommand.self, CloseCommand.self, DeleteCommand.self,
            DuplicatesCommand.self, MergeCommand.self, HistoryCommand.self, NetworkCommand.self, DemandCommand.self, CoverageCommand.self, IsochronesCommand.self,
            GapsCommand.self, AdminCommand.self, CheckCommand.self, MandatesCommand.self, DemoCommand.self, AccessCommand.self,
            SiteSuggestCommand.self, TrendCommand.self, ScenarioCommand.self, ServeCommand.self,
        ])

    public init() {}

    /// Parses the command line, runs the command, and turns errors into a message on stderr and
    /// an exit code. Only this module decides exit codes: ArgumentParser's own errors (bad usage, 64; `--help`, 0;
    /// `ExitCode(1)`, a check that found targets missed) exit as it decides; every other error goes through the
    /// table in ExitStatus, so none falls through to ArgumentParser's "Error:" and exit 1.
    public static func runMain(arguments: [String]? = nil) {
        let command: any ParsableCommand
        do {
            command = try parseAsRoot(arguments)
        } catch {
            Self.exitAfterParsing(error)
        }
        do {
            var running = command
            try running.run()
        } catch let error where Self.isArgumentParserError(error) {
            Self.exitAfterParsing(error)
        } catch {
            Console.endProgress()
            let failure = ExitStatus.failure(for: error)
            Console.error(failure.message)
            Self.exit(withError: ExitCode(failure.exitCode.rawValue))
        }
    }

    /// Exits as ArgumentParser decides, except that a help page is laid out by HelpLayout for the terminal's width.
    private static func exitAfterParsing(_ error: any Error) -> Never {
        let message = fullMessage(for: error, columns: HelpLayout.unwrappedWidth)
        guard exitCode(for: error) == .success, HelpLayout.isHelpPage(message) else { Self.exit(withError: error) }
        print(HelpLayout.wrap(message, width: HelpLayout.terminalWidth))
        Self.exit()
    }

    /// ArgumentParser's own errors, thrown by `run()` too: `ExitCode` (1 from `check`), `ValidationError`,
    /// `CleanExit`, and the internal one `help` and `--help` throw. They exit as ArgumentParser decides.
    private static func isArgumentParserError(_ error: any Error) -> Bool {
        error is ExitCode || error is ValidationError || error is CleanExit
            || String(reflecting: type(of: error)).hasPrefix("ArgumentParser.")
    }
}
