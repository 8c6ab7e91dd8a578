public import ArgumentParser
import FacilityKit
import Planner
import Foundation

/// Options every command takes.
struct GlobalOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The registry GeoPackage. Example: --registry huadu.gpkg", valueName: "path"))
    var registry: String = "registry.gpkg"

    @Option(name: .long, help: ArgumentHelp(
        "A folder of manifest plugins (*.yaml), or one manifest file, to load besides the bundled ones and "
            + "GeoData/plugins. Example: --plugins ./my-plugins", valueName: "dir|file"))
    var plugins: String?

    @Option(name: .long, help: ArgumentHelp(
        "The language of tables and reports: zh (default) or en. Example: --lang en", valueName: "zh|en"))
    var lang: ReportLanguage = .zh

    @Option(name: .long, help: ArgumentHelp(
        "Who makes the changes, for the audit (default: your login name). Example: --user 卫健局张三",
        valueName: "name"))
    var user: String?

    /// Records the language for the messages of errors, which are rendered after the command has ended.
    func validate() throws {
        Console.language = lang
    }

    /// The name the audit records for this run's changes: `--user`, else the login name.
    var auditUser: String { user ?? LoginName.current }
}

/// The login name of whoever runs lifecircle: $LOGNAME as the login set it, else the password entry of
/// the real user id (getpwuid), else $USER.
enum LoginName {
    static var current: String {
        let environment = ProcessInfo.processInfo.environment
        if let name = environment["LOGNAME"], !name.isEmpty { return name }
        if let entry = getpwuid(getuid()), let name = entry.pointee.pw_name, let text = String(validatingCString: name),
            !text.isEmpty
        {
            return text
        }
        if let name = environment["USER"], !name.isEmpty { return name }
        return "uid \(getuid())"
    }
}

extension ReportLanguage: ExpressibleByArgument {}

extension GlobalOptions {
    /// The guard every output path of a command goes through (Planner's ``OutputGuard``): `inputs` are the files
    /// the command reads besides the registry, `makes` the registry's files it writes itself.
    func outputs(inputs: [String?] = [], makes: Set<RegistryFiles.Role> = []) -> OutputGuard {
        OutputGuard(registry: registry, inputs: inputs, makes: makes)
    }

    /// A report folder (`check`, `trend`, `scenario -o`) checked by the guard: new, empty or a previous report of
    /// the same files (which are then replaced), and none of its files the registry's or an input.
    func reportFolder(_ path: String, files: [String], inputs: [String?]) throws -> URL {
        var outputs = outputs(inputs: inputs)
        return try outputs.folder(path, option: "-o", entries: files) { name in
            files.contains { name == $0 || name.hasPrefix($0 + "-") || name.hasPrefix("." + $0) }
        }
    }

    /// The default path of one of the registry's files (`<registry>.coverage.gpkg`).
    func registryFile(_ role: RegistryFiles.Role) -> String {
        RegistryFiles(registry: registry).url(role).path
    }
}
