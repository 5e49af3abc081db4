@testable import CallgateCore
import Testing

/// What `callgate report --from/--to` accepts, with the clock passed in.
@Suite("ReportTime")
struct ReportTimeTests {
    let now = 1_795_251_600.5  // 2026-11-21T09:00:00.5Z
    let morning = 1_795_248_000.0  // 2026-11-21T08:00:00Z

    func parse(_ text: String) throws -> Double { try ReportTime.parse(text, now: now) }

    @Test func iso8601() throws {
        #expect(try parse("2026-11-21T08:00:00Z") == morning)
        #expect(try parse("2026-11-21T08:00Z") == morning)
        #expect(try parse("2026-11-21 08:00:00") == morning, "no zone: UTC")
        #expect(try parse("2026-11-21T10:00:00+02:00") == morning)
        #expect(try parse("2026-11-21T02:30:00-0530") == morning)
        #expect(try parse("2026-11-21T08:00:00.25Z") == morning + 0.25)
    }

    @Test func dateIsMidnightUTC() throws {
        #expect(try parse("2026-11-21") == morning - 8 * 3600)
        #expect(try parse("1970-01-01") == 0)
        #expect(try parse("2024-02-29") == 1_709_164_800)
    }

    @Test func relativeToNow() throws {
        #expect(try parse("-1h") == now - 3600)
        #expect(try parse("-24h") == now - 86_400)
        #expect(try parse("-7d") == now - 7 * 86_400)
        #expect(try parse("-30m") == now - 1800)
        #expect(try parse("-90s") == now - 90)
        #expect(try parse("-1.5h") == now - 5400)
        #expect(try parse("now") == now)
        #expect(try parse(" -1h ") == now - 3600)
    }

    @Test(arguments: [
        "", "yesterday", "1h", "+1h", "-1w", "-h", "2026-13-01", "2026-02-29", "2026-11-31", "2026-11-21T24:00:00Z",
        "2026-11-21T08:60Z", "2026-11-21T08:00:00+25:00", "21/11/2026", "2026-11-21T08", "1795248000",
        "٢٠٢٦-١١-٢١", "2026-11-21T٠٨:00Z",  // digits of another script matched `\d` and trapped in Int(...)!
    ])
    func refused(_ text: String) {
        #expect(throws: ReportTimeError(text: text)) { try ReportTime.parse(text, now: now) }
    }

    @Test func errorSaysWhatIsAccepted() {
        #expect(ReportTimeError(text: "soon").description.contains("\"soon\""))
        #expect(ReportTimeError(text: "soon").description.contains("-24h"))
    }

    @Test func calendarRoundTripsAcrossCenturies() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            let date = UTCCalendar.date(daysSince1970: days)
            #expect(UTCCalendar.daysSince1970(year: date.year, month: date.month, day: date.day) == days)
        }
        #expect(UTCCalendar.daysIn(month: 2, year: 2000) == 29)
        #expect(UTCCalendar.daysIn(month: 2, year: 2100) == 28)
    }
}
