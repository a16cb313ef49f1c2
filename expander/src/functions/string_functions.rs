//! Placeholder.
pub fn len(s: &str) -> String { s.chars().count().to_string() }
pub fn pos(_s: &str, _n: &str, _o: &str) -> Result<String, String> { Ok(String::new()) }
pub fn rpos(_s: &str, _n: &str) -> Result<String, String> { Ok(String::new()) }
pub fn sub(_s: &str, _a: &str, _b: &str) -> Result<String, String> { Ok(String::new()) }
pub fn count(_s: &str, _n: &str) -> Result<String, String> { Ok(String::new()) }
pub fn replace(_s: &str, _a: &str, _b: &str, _c: &str) -> Result<String, String> { Ok(String::new()) }
pub fn explode(_s: &str, _a: &str, _b: &str, _c: &str) -> Result<String, String> { Ok(String::new()) }
pub fn urldecode(s: &str) -> String { s.to_string() }
