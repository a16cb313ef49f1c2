//! Placeholder until #time lands.
#[derive(Clone, Debug)]
pub struct Clock { pub now_unix: i64, pub local_offset_minutes: i32 }
pub fn time(_format: &str, _date: &str, _local: bool, _clock: &Clock) -> Result<String, String> { Ok(String::new()) }
pub fn timef(_date: &str, _kind: &str, _local: bool, _clock: &Clock) -> Result<String, String> { Ok(String::new()) }
