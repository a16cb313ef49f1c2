//! Placeholder.
pub fn lc(s: &str) -> String { s.to_lowercase() }
pub fn uc(s: &str) -> String { s.to_uppercase() }
pub fn lcfirst(s: &str) -> String { s.to_string() }
pub fn ucfirst(s: &str) -> String { s.to_string() }
pub fn urlencode(s: &str, _k: &str) -> String { s.to_string() }
pub fn anchorencode(s: &str) -> String { s.to_string() }
pub fn formatnum(s: &str, _f: &str) -> String { s.to_string() }
pub fn padleft(s: &str, _l: &str, _p: &str) -> String { s.to_string() }
pub fn padright(s: &str, _l: &str, _p: &str) -> String { s.to_string() }
pub fn plural(_n: &str, f: &[&str]) -> String { f.first().map(|s| s.to_string()).unwrap_or_default() }
pub fn gender(_n: &str, f: &[&str]) -> String { f.first().map(|s| s.to_string()).unwrap_or_default() }
pub fn bcp47(s: &str) -> String { s.to_string() }
pub fn dir(_s: &str) -> &'static str { "ltr" }
pub fn titleparts(s: &str, _n: &str, _f: &str) -> String { s.to_string() }
pub fn rel2abs(s: &str, _b: &str) -> Result<String, String> { Ok(s.to_string()) }
