extension FieldSpec {
    /// Reads a value from the text of a list cell, the way people type it: numbers with full-width
    /// digits, booleans as 是/否 or yes/no, enum values by their value, either label or a synonym, dates as
    /// Excel writes them. Empty text is nil (no value). Bounds are checked here too.
    public func parse(_ raw: String) throws(FieldProblem) -> AttributeValue? {
        let text = raw.trimmingWhitespace().normalizingFullWidth()
        if text.isEmpty { return nil }
        let value: AttributeValue
        switch type {
        case .integer:
            if let i = Int64(text) {
                value = .integer(i)
            } else if let d = Double(text), d.rounded() == d, abs(d) < 9e15 {
                value = .integer(Int64(d))
            } else {
                throw FieldProblem(field: name, reason: "'\(raw)' is not a whole number")
            }
        case .real:
            guard let d = Double(text), d.isFinite else {
                throw FieldProblem(field: name, reason: "'\(raw)' is not a number")
            }
            value = .real(d)
        case .text:
            value = .text(raw.trimmingWhitespace())
        case .boolean:
            switch text.lowercased() {
            case "true", "yes", "y", "1", "是", "有", "t": value = .boolean(true)
            case "false", "no", "n", "0", "否", "无", "没有", "f": value = .boolean(false)
            default:
                throw FieldProblem(field: name, reason: "'\(raw)' is not yes/no (是/否, true/false, 1/0)")
            }
        case .enumeration(let options):
            guard let option = options.first(where: { $0.matches(text) }) else {
                let allowed = options.map { "\($0.value) (\($0.label.zh))" }.joined(separator: ", ")
                throw FieldProblem(field: name, reason: "'\(raw)' is not one of: \(allowed)")
            }
            value = .text(option.value)
        case .date:
            guard let date = CivilDate(parsing: text) else {
                throw FieldProblem(field: name, reason: "'\(raw)' is not a date like 2023-05-01")
            }
            value = .date(date)
        }
        if let reason = problem(with: value) { throw FieldProblem(field: name, reason: reason) }
        return value
    }

    /// Why a value does not fit this field, or nil when it does.
    public func problem(with value: AttributeValue) -> String? {
        switch (type, value) {
        case (.integer, .integer), (.real, .real), (.real, .integer), (.text, .text), (.boolean, .boolean),
            (.date, .date):
            break
        case (.enumeration(let options), .text(let t)):
            if !options.contains(where: { $0.value == t }) {
                return "'\(t)' is not one of: \(options.map(\.value).joined(separator: ", "))"
            }
        default:
            return "expected \(type.name), got '\(value)'"
        }
        if let number = value.numericValue {
            let unitText = unit.map { " \($0)" } ?? ""
            if let lo = minimum, number < lo { return "\(value)\(unitText) is below the minimum \(lo.compact)\(unitText)" }
            if let hi = maximum, number > hi { return "\(value)\(unitText) is above the maximum \(hi.compact)\(unitText)" }
        }
        return nil
    }
}

extension Double {
    /// `5` rather than `5.0` for whole numbers, for messages.
    var compact: String {
        rounded() == self && abs(self) < 1e15 ? String(Int64(self)) : String(self)
    }
}

extension String {
    /// Full-width digits, signs and points (as typed with a Chinese input method) made ASCII.
    func normalizingFullWidth() -> String {
        String(String.UnicodeScalarView(unicodeScalars.map { scalar in
            switch scalar.value {
            case 0xFF10...0xFF19, 0xFF0B, 0xFF0D, 0xFF0E, 0xFF41...0xFF5A, 0xFF21...0xFF3A:
                Unicode.Scalar(scalar.value - 0xFEE0) ?? scalar
            case 0x3002: "."  // 。 typed for a decimal point
            default: scalar
            }
        }))
    }
}
