//! Office time. The office keeps China Standard Time (UTC+8, no daylight
//! saving), whatever the server's zone; stored timestamps are UTC seconds.

use chrono::{DateTime, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc};

use super::Timestamp;

/// UTC+8.
pub fn office_tz() -> FixedOffset {
    FixedOffset::east_opt(8 * 3600).expect("valid offset")
}

/// A timestamp as the office reads it: `2026-11-25 09:30`.
pub fn format_ts(ts: Timestamp) -> String {
    to_local(ts).format("%Y-%m-%d %H:%M").to_string()
}

/// A timestamp in office local time.
pub fn to_local(ts: Timestamp) -> NaiveDateTime {
    DateTime::<Utc>::from_timestamp(ts, 0)
        .unwrap_or_default()
        .with_timezone(&office_tz())
        .naive_local()
}

/// The office-local date of a timestamp.
pub fn local_date(ts: Timestamp) -> NaiveDate {
    to_local(ts).date()
}

/// An office-local time as a timestamp.
pub fn from_local(dt: NaiveDateTime) -> Timestamp {
    office_tz()
        .from_local_datetime(&dt)
        .single()
        .map(|d| d.timestamp())
        .unwrap_or_else(|| dt.and_utc().timestamp())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_office_time() {
        let dt = NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap();
        let ts = from_local(dt);
        assert_eq!(ts, 1_795_570_200);
        assert_eq!(format_ts(ts), "2026-11-25 09:30");
        assert_eq!(local_date(ts), dt.date());
    }
}
