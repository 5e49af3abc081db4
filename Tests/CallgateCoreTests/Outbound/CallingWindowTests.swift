import CallgateCore
import Foundation
import Testing

/// Calling windows in the contact's zone, on days of the week, across DST changes and midnight.
@Suite struct CallingWindowTests {
    /// Seconds since 1970 of a UTC date and time.
    static func utc(_ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int) -> Double {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let date = calendar.date(from: DateComponents(year: year, month: month, day: day, hour: hour, minute: minute))
        return date!.timeIntervalSince1970
    }

    let nineToEight = CallingWindow(start: 9 * 60, end: 20 * 60, timeZone: "America/New_York")

    @Test func newYorkWindowMovesWithDaylightSavingTime() {
        // 13:30 UTC is 08:30 EST on Saturday, 09:30 EDT on Monday after the change of 8 March 2026.
        #expect(!nineToEight.isOpen(at: Self.utc(2026, 3, 7, 13, 30)))
        #expect(nineToEight.isOpen(at: Self.utc(2026, 3, 9, 13, 30)))
        // The Sunday of the change: DST holds from 02:00 local on.
        #expect(nineToEight.isOpen(at: Self.utc(2026, 3, 8, 13, 30)))
    }

    @Test func theSkippedHourClosesAWindowEndingAtThreeOClock() {
        let night = CallingWindow(start: 90, end: 180, timeZone: "America/New_York")
        #expect(night.isOpen(at: Self.utc(2026, 3, 8, 6, 59)), "01:59 EST")
        #expect(!night.isOpen(at: Self.utc(2026, 3, 8, 7, 0)), "03:00 EDT: 02:xx never happened")
    }

    @Test func theRepeatedHourIsOpenTwice() {
        let early = CallingWindow(start: 60, end: 90, timeZone: "America/New_York")
        #expect(early.isOpen(at: Self.utc(2026, 11, 1, 5, 15)), "01:15 EDT")
        #expect(early.isOpen(at: Self.utc(2026, 11, 1, 6, 15)), "01:15 EST, the hour again")
        #expect(!early.isOpen(at: Self.utc(2026, 11, 1, 6, 45)), "01:45 EST")
    }

    @Test func theContactsZoneWinsOverTheWindows() {
        let berlin = CallingWindow(start: 9 * 60, end: 17 * 60, timeZone: "Europe/Berlin")
        let t = Self.utc(2026, 12, 8, 8, 30)  // 09:30 in Berlin, 03:30 in New York, 17:30 in Tokyo
        #expect(berlin.isOpen(at: t))
        #expect(!berlin.isOpen(at: t, zone: "America/New_York"))
        #expect(!berlin.isOpen(at: t, zone: "Asia/Tokyo"))
        #expect(berlin.isOpen(at: t, zone: "Not/AZone"), "an unknown contact zone falls back to the window's")
    }

    @Test func daysOfTheWeekAreTheContactsLocalDays() {
        let weekdays = CallingWindow(start: 0, end: 1440, days: [.mon, .tue, .wed, .thu, .fri], timeZone: "UTC")
        let fridayUTC = Self.utc(2026, 12, 11, 16, 0)  // Friday 16:00 UTC: Saturday 01:00 in Tokyo
        #expect(weekdays.isOpen(at: fridayUTC))
        #expect(!weekdays.isOpen(at: fridayUTC, zone: "Asia/Tokyo"))
    }

    @Test func aWindowOverMidnightBelongsToTheDayItOpened() {
        let lateFriday = CallingWindow(start: 22 * 60, end: 2 * 60, days: [.fri], timeZone: "UTC")
        #expect(lateFriday.isOpen(at: Self.utc(2026, 12, 11, 23, 0)), "Friday 23:00")
        #expect(lateFriday.isOpen(at: Self.utc(2026, 12, 12, 1, 0)), "Saturday 01:00, still Friday's window")
        #expect(!lateFriday.isOpen(at: Self.utc(2026, 12, 12, 23, 0)), "Saturday 23:00")
        #expect(!lateFriday.isOpen(at: Self.utc(2026, 12, 11, 1, 0)), "Friday 01:00 is Thursday's window")
    }

    @Test func timesParseAndRoundTripThroughJSON() throws {
        #expect(CallingWindow.minutes("09:30") == 570)
        #expect(CallingWindow.minutes("24:00") == 1440)
        for bad in ["9", "25:00", "10:60", "aa:bb", "-1:00", "24:01", ""] { #expect(CallingWindow.minutes(bad) == nil, "\(bad)") }
        let json = try JSONEncoder().encode(nineToEight)
        #expect(String(decoding: json, as: UTF8.self).contains("\"start\":\"09:00\""))
        #expect(try JSONDecoder().decode(CallingWindow.self, from: json) == nineToEight)
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(CallingWindow.self, from: Data(#"{"start":"9h"}"#.utf8)) }
    }
}
