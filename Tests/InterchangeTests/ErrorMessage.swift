/// The message of the error `body` throws; nil when it throws none.
func message<E: Error & CustomStringConvertible>(_ body: () throws(E) -> Void) -> String? {
    do {
        try body()
        return nil
    } catch {
        return error.description
    }
}
