internal import CProj
import Foundation

extension CRS {
    /// Refuses a definition that names a file outside PROJ's own data folders: PROJ reads `init=` files when it
    /// parses a string and grids (`nadgrids=`, `geoidgrids=`, WKT's `PARAMETERFILE`, WKT1's `PROJ4_GRIDS`) when
    /// it transforms, so `+nadgrids=/etc/passwd` or `/dev/zero` would have it read any file. A bare grid name
    /// (`@null`, `cn_nasg_CGCS2000.tif`) is looked up in the data folders and stays allowed, as does a path that
    /// resolves inside them.
    static func refuseFilesOutsideData(in definition: String, input: String) throws(ProjectionError) {
        for reference in fileReferences(in: definition) where !isInsideProjData(reference.file) {
            throw ProjectionError(
                .invalidCRS,
                "CRS '\(input.abbreviated())' names the file '\(reference.file)' (\(reference.key)): only grid and "
                    + "init files in PROJ's data folders (\(dataFolders.joined(separator: ", "))) may be used; "
                    + "give the grid's bare name, e.g. +nadgrids=@null")
        }
    }

    /// Every file a definition names, with the key that names it.
    static func fileReferences(in definition: String) -> [(key: String, file: String)] {
        var references: [(key: String, file: String)] = []
        let lists = try! Regex(#"(?i)(?:^|[\s+"'])(init|nadgrids|geoidgrids|grids|file)\s*=\s*([^\s"']+)"#)
        for match in definition.matches(of: lists) {
            guard let key = match.output[1].substring, let value = match.output[2].substring else { continue }
            let name = key.lowercased()
            if name == "init" {
                // `init=FILE:CODE`
                let file = value.lastIndex(of: ":").map { value[..<$0] } ?? value
                references.append((name, String(file)))
            } else {
                for entry in value.split(separator: ",") {
                    references.append((name, String(entry.drop { $0 == "@" })))
                }
            }
        }
        // WKT2 `PARAMETERFILE["name","file"]`, WKT1 `EXTENSION["PROJ4_GRIDS","file,file"]`.
        let quoted = try! Regex(#"(?i)(PARAMETERFILE\s*\[\s*"[^"]*"|"PROJ4_GRIDS")\s*,\s*"([^"]*)""#)
        for match in definition.matches(of: quoted) {
            guard let key = match.output[1].substring, let value = match.output[2].substring else { continue }
            let name = key.uppercased().hasPrefix("PARAMETERFILE") ? "PARAMETERFILE" : "PROJ4_GRIDS"
            for entry in value.split(separator: ",") {
                references.append((name, String(entry.drop { $0 == "@" })))
            }
        }
        return references
    }

    /// Whether PROJ would find a file of this name inside its data folders, and only there.
    static func isInsideProjData(_ file: String) -> Bool {
        if file.isEmpty || file == "null" { return true }
        let isBareName = !file.contains("/") && !file.contains("\\") && file != ".." && file != "."
        if isBareName { return true }
        let candidates =
            file.hasPrefix("/")
            ? [URL(fileURLWithPath: file)]
            : dataFolders.map { URL(fileURLWithPath: $0).appendingPathComponent(file) }
        return candidates.contains { candidate in
            let resolved = candidate.standardizedFileURL.resolvingSymlinksInPath().path
            return dataFolders.contains { folder in
                let root = URL(fileURLWithPath: folder).standardizedFileURL.resolvingSymlinksInPath().path
                return resolved.hasPrefix(root.hasSuffix("/") ? root : root + "/")
            }
        }
    }

    /// PROJ's search path: the folders it reads grids and init files from.
    static var dataFolders: [String] {
        let info = proj_info()
        guard let paths = info.paths, info.path_count > 0 else {
            return info.searchpath.map { String(cString: $0).split(separator: ":").map(String.init) } ?? []
        }
        return (0..<info.path_count).compactMap { paths[$0].map { String(cString: $0) } }
    }
}
