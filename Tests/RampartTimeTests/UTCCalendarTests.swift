@testable import RampartTime
import Testing

@Suite struct UTCCalendarTests {
    @Test(arguments: [
        (0, UTCCalendar.Fields(year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, weekday: 3)),
        (951_782_400, UTCCalendar.Fields(year: 2000, month: 2, day: 29, hour: 0, minute: 0, second: 0, weekday: 1)),
        (1_440_938_160, UTCCalendar.Fields(year: 2015, month: 8, day: 30, hour: 12, minute: 36, second: 0, weekday: 6)),
        (-1, UTCCalendar.Fields(year: 1969, month: 12, day: 31, hour: 23, minute: 59, second: 59, weekday: 2)),
    ])
    func fieldsOfKnownInstants(seconds: Int, expected: UTCCalendar.Fields) {
        #expect(UTCCalendar.fields(secondsSinceEpoch: seconds) == expected)
    }

    @Test func daysAndFieldsAreInverses() {
        for seconds in stride(from: -5_000_000_000, to: 5_000_000_000, by: 86_399 * 37) {
            let f = UTCCalendar.fields(secondsSinceEpoch: seconds)
            #expect(UTCCalendar.secondsSinceEpoch(year: f.year, month: f.month, day: f.day, hour: f.hour, minute: f.minute, second: f.second) == seconds)
        }
    }

    @Test(arguments: [
        ("2026-11-29T12:00:00Z", 1_795_953_600.0),
        ("2026-11-29T14:00:00+02:00", 1_795_953_600.0),
        ("2026-11-29T14:00:00+0200", 1_795_953_600.0),
        ("2026-11-29T14:00:00+02", 1_795_953_600.0),
        ("2026-11-29 12:00:00.5+00:00", 1_795_953_600.5),
        ("2026-11-29T12:00Z", 1_795_953_600.0),
        ("2026-11-29", 1_795_910_400.0),
    ])
    func iso8601FormsAWSPrints(text: String, seconds: Double) {
        #expect(UTCCalendar.secondsSinceEpoch(iso8601: text) == seconds)
    }

    @Test(arguments: ["N/A", "no_information", "not_supported", "2026-13-01", "2026-11-29T25:00:00Z", "2026-11-29T12:00:00Zjunk", ""])
    func nonTimestampsAreNil(text: String) {
        #expect(UTCCalendar.secondsSinceEpoch(iso8601: text) == nil)
    }
}
