//! Placeholder until the expression evaluator lands.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprError { Unexpected }
impl std::fmt::Display for ExprError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result { f.write_str("Expression error") }
}
pub fn evaluate(expr: &str) -> Result<String, ExprError> { if expr.trim().is_empty() { Ok(String::new()) } else { Err(ExprError::Unexpected) } }
pub fn truth(expr: &str) -> Result<Option<bool>, ExprError> { if expr.trim().is_empty() { Ok(None) } else { Err(ExprError::Unexpected) } }
