//! The expression language of MediaWiki's ParserFunctions extension, as used
//! by `{{#expr:...}}` and `{{#ifexpr:...|then|else}}`.
//!
//! Written from the documentation only: mediawiki.org "Help:Extension:ParserFunctions"
//! (##expr: operator table, precedence, examples), "Manual:Expr parser function syntax"
//! / meta "Help:Calculation" (number formats, data types, `e` ambiguity, error
//! messages), the extension's English message texts, and PHP's documentation of
//! float/int conversion and float-to-string output (`precision = 14`).
//!
//! Design: a single left-to-right pass over the input with an operand stack and an
//! operator stack (shunting-yard). No recursion; every token is pushed and popped at
//! most once, so time is linear in the input length. Both stacks are capped at
//! [`MAX_STACK`] entries ("Expression error: Stack exhausted.").
//!
//! Values follow PHP's dynamic typing as documented in Help:Calculation: literals
//! and constants are floats; `trunc` and `mod` (and comparisons / boolean
//! operators) produce integers; integer `+ - * / ^` stay integers until they
//! overflow, then become floats.

use std::fmt;

/// Maximum number of entries on either the operand or the operator stack.
pub const MAX_STACK: usize = 100;

/// Evaluate an #expr expression. `Ok(text)` is what #expr prints (empty input -> Ok("")).
pub fn evaluate(expr: &str) -> Result<String, ExprError> {
    Ok(match eval_value(expr)? {
        Some(v) => format_num(v),
        None => String::new(),
    })
}

/// The truth value for #ifexpr: Ok(None) for an empty expression, else Ok(Some(result != 0)).
///
/// NaN counts as true (it is not equal to zero), as does INF.
pub fn truth(expr: &str) -> Result<Option<bool>, ExprError> {
    Ok(eval_value(expr)?.map(|v| v.truthy()))
}

/// The documented error messages of #expr / #ifexpr (English texts of the
/// ParserFunctions `pfunc_expr_*` messages).
#[derive(Debug, Clone, PartialEq)]
pub enum ExprError {
    /// "Expression error: Stack exhausted."
    StackExhausted,
    /// "Expression error: Unexpected number."
    UnexpectedNumber,
    /// "Expression error: Unexpected preg_match failure." (never produced here)
    PregMatchFailure,
    /// "Expression error: Unrecognized word \"$1\"." (word lower-cased)
    UnrecognisedWord(String),
    /// "Expression error: Unexpected $1 operator."
    UnexpectedOperator(String),
    /// "Expression error: Missing operand for $1."
    MissingOperand(String),
    /// "Expression error: Unexpected closing bracket."
    UnexpectedClosingBracket,
    /// "Expression error: Unrecognized punctuation character \"$1\"."
    UnrecognisedPunctuation(String),
    /// "Expression error: Unclosed bracket."
    UnclosedBracket,
    /// "Division by zero."
    DivisionByZero,
    /// "Invalid argument for $1: < -1 or > 1." (asin, acos)
    InvalidArgument(String),
    /// "Invalid argument for ln: <= 0."
    InvalidArgumentLn,
    /// "Expression error: Unknown error ($1)." (never produced here)
    UnknownError(String),
    /// "In $1: result is not a number." (sqrt of a negative number)
    NotANumber(String),
}

impl fmt::Display for ExprError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ExprError::StackExhausted => f.write_str("Expression error: Stack exhausted."),
            ExprError::UnexpectedNumber => f.write_str("Expression error: Unexpected number."),
            ExprError::PregMatchFailure => {
                f.write_str("Expression error: Unexpected preg_match failure.")
            }
            ExprError::UnrecognisedWord(w) => {
                write!(f, "Expression error: Unrecognized word \"{w}\".")
            }
            ExprError::UnexpectedOperator(op) => {
                write!(f, "Expression error: Unexpected {op} operator.")
            }
            ExprError::MissingOperand(op) => {
                write!(f, "Expression error: Missing operand for {op}.")
            }
            ExprError::UnexpectedClosingBracket => {
                f.write_str("Expression error: Unexpected closing bracket.")
            }
            ExprError::UnrecognisedPunctuation(c) => {
                write!(
                    f,
                    "Expression error: Unrecognized punctuation character \"{c}\"."
                )
            }
            ExprError::UnclosedBracket => f.write_str("Expression error: Unclosed bracket."),
            ExprError::DivisionByZero => f.write_str("Division by zero."),
            ExprError::InvalidArgument(op) => {
                write!(f, "Invalid argument for {op}: < -1 or > 1.")
            }
            ExprError::InvalidArgumentLn => f.write_str("Invalid argument for ln: <= 0."),
            ExprError::UnknownError(s) => write!(f, "Expression error: Unknown error ({s})."),
            ExprError::NotANumber(op) => write!(f, "In {op}: result is not a number."),
        }
    }
}

impl std::error::Error for ExprError {}

// ---------------------------------------------------------------------------
// Values (PHP int / float)
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy)]
enum Num {
    Int(i64),
    Float(f64),
}

impl Num {
    fn f(self) -> f64 {
        match self {
            Num::Int(i) => i as f64,
            Num::Float(x) => x,
        }
    }

    /// PHP truthiness: 0 and 0.0 (and -0.0) are false; everything else, NaN included, is true.
    fn truthy(self) -> bool {
        match self {
            Num::Int(i) => i != 0,
            Num::Float(x) => x != 0.0,
        }
    }

    fn is_zero(self) -> bool {
        !self.truthy()
    }

    /// PHP `(int)` cast.
    fn to_int(self) -> i64 {
        match self {
            Num::Int(i) => i,
            Num::Float(x) => php_float_to_int(x),
        }
    }
}

fn bool_num(b: bool) -> Num {
    Num::Int(b as i64)
}

/// PHP (7+, 64-bit) float to int conversion: NaN and infinities become 0,
/// in-range values truncate toward zero, out-of-range values wrap modulo 2^64.
fn php_float_to_int(x: f64) -> i64 {
    if !x.is_finite() {
        return 0;
    }
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    const TWO_64: f64 = 18_446_744_073_709_551_616.0;
    if (-TWO_63..TWO_63).contains(&x) {
        return x as i64;
    }
    let mut m = x % TWO_64; // exact; same sign as x
    if m < 0.0 {
        m += TWO_64;
    }
    if m >= TWO_63 {
        m -= TWO_64;
    }
    m as i64
}

// ---------------------------------------------------------------------------
// Operators
// ---------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Op {
    Open,
    // unary, precedence 10 (same level as binary `e`)
    Neg,
    Pos,
    // unary words, precedence 9
    Not,
    Ceil,
    Trunc,
    Floor,
    Abs,
    Exp,
    Ln,
    Sin,
    Cos,
    Tan,
    Asin,
    Acos,
    Atan,
    Sqrt,
    // binary
    E,
    Pow,
    Mul,
    Slash,
    Div,
    Mod,
    Fmod,
    Add,
    Sub,
    Round,
    Eq,
    NotEqBang,
    NotEqAngle,
    Lt,
    Gt,
    Le,
    Ge,
    And,
    Or,
}

impl Op {
    /// Precedence, following the table of Help:Extension:ParserFunctions ##expr
    /// (highest first): binary `e` and unary `+ -`; unary words; `^`;
    /// `* / div mod fmod`; `+ -`; `round`; comparisons; `and`; `or`.
    fn prec(self) -> u8 {
        use Op::*;
        match self {
            Open => 0,
            Neg | Pos | E => 10,
            Not | Ceil | Trunc | Floor | Abs | Exp | Ln | Sin | Cos | Tan | Asin | Acos | Atan
            | Sqrt => 9,
            Pow => 8,
            Mul | Slash | Div | Mod | Fmod => 7,
            Add | Sub => 6,
            Round => 5,
            Eq | NotEqBang | NotEqAngle | Lt | Gt | Le | Ge => 4,
            And => 3,
            Or => 2,
        }
    }

    fn is_unary(self) -> bool {
        use Op::*;
        matches!(
            self,
            Neg | Pos
                | Not
                | Ceil
                | Trunc
                | Floor
                | Abs
                | Exp
                | Ln
                | Sin
                | Cos
                | Tan
                | Asin
                | Acos
                | Atan
                | Sqrt
        )
    }

    fn name(self) -> &'static str {
        use Op::*;
        match self {
            Open => "(",
            Neg => "-",
            Pos => "+",
            Not => "not",
            Ceil => "ceil",
            Trunc => "trunc",
            Floor => "floor",
            Abs => "abs",
            Exp => "exp",
            Ln => "ln",
            Sin => "sin",
            Cos => "cos",
            Tan => "tan",
            Asin => "asin",
            Acos => "acos",
            Atan => "atan",
            Sqrt => "sqrt",
            E => "e",
            Pow => "^",
            Mul => "*",
            Slash => "/",
            Div => "div",
            Mod => "mod",
            Fmod => "fmod",
            Add => "+",
            Sub => "-",
            Round => "round",
            Eq => "=",
            NotEqBang => "!=",
            NotEqAngle => "<>",
            Lt => "<",
            Gt => ">",
            Le => "<=",
            Ge => ">=",
            And => "and",
            Or => "or",
        }
    }
}

/// What a (lower-cased) word means.
enum Word {
    ConstE,
    Pi,
    Unary(Op),
    Binary(Op),
}

fn lookup_word(w: &str) -> Option<Word> {
    use Op::*;
    Some(match w {
        "e" => Word::ConstE,
        "pi" => Word::Pi,
        "not" => Word::Unary(Not),
        "ceil" => Word::Unary(Ceil),
        "trunc" => Word::Unary(Trunc),
        "floor" => Word::Unary(Floor),
        "abs" => Word::Unary(Abs),
        "exp" => Word::Unary(Exp),
        "ln" => Word::Unary(Ln),
        "sin" => Word::Unary(Sin),
        "cos" => Word::Unary(Cos),
        "tan" => Word::Unary(Tan),
        "asin" => Word::Unary(Asin),
        "acos" => Word::Unary(Acos),
        "atan" => Word::Unary(Atan),
        "sqrt" => Word::Unary(Sqrt),
        "div" => Word::Binary(Div),
        "mod" => Word::Binary(Mod),
        "fmod" => Word::Binary(Fmod),
        "round" => Word::Binary(Round),
        "and" => Word::Binary(And),
        "or" => Word::Binary(Or),
        _ => return None,
    })
}

// ---------------------------------------------------------------------------
// Evaluation
// ---------------------------------------------------------------------------

struct Machine {
    operands: Vec<Num>,
    operators: Vec<Op>,
}

impl Machine {
    fn check(&self) -> Result<(), ExprError> {
        if self.operands.len() > MAX_STACK || self.operators.len() > MAX_STACK {
            Err(ExprError::StackExhausted)
        } else {
            Ok(())
        }
    }

    fn push_operand(&mut self, v: Num) -> Result<(), ExprError> {
        self.operands.push(v);
        self.check()
    }

    fn push_operator(&mut self, op: Op) -> Result<(), ExprError> {
        self.operators.push(op);
        self.check()
    }

    /// Handle a binary operator arriving after an operand: reduce everything of
    /// greater or equal precedence (left associativity), then push it.
    fn binary(&mut self, op: Op) -> Result<(), ExprError> {
        while let Some(&top) = self.operators.last() {
            if top == Op::Open || top.prec() < op.prec() {
                break;
            }
            self.operators.pop();
            self.apply(top)?;
        }
        self.push_operator(op)
    }

    fn apply(&mut self, op: Op) -> Result<(), ExprError> {
        let missing = || ExprError::MissingOperand(op.name().to_string());
        let result = if op.is_unary() {
            let a = self.operands.pop().ok_or_else(missing)?;
            unary(op, a)?
        } else {
            if self.operands.len() < 2 {
                return Err(missing());
            }
            let (Some(r), Some(l)) = (self.operands.pop(), self.operands.pop()) else {
                return Err(missing());
            };
            binary(op, l, r)?
        };
        self.operands.push(result);
        Ok(())
    }
}

/// `&lt;`, `&gt;` and `&minus;` stand for `<`, `>` and `-`, as the extension reads
/// them: pages escape comparisons so that `a<b` is not taken for a tag, and a minus
/// copied from rendered text arrives as `&minus;`. U+2212 is taken as `-` in the
/// scanner itself.
fn unescape_operators(expr: &str) -> std::borrow::Cow<'_, str> {
    if !expr.contains('&') {
        return std::borrow::Cow::Borrowed(expr);
    }
    std::borrow::Cow::Owned(
        expr.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&minus;", "-"),
    )
}

fn is_white(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\r' | '\n')
}

fn eval_value(expr: &str) -> Result<Option<Num>, ExprError> {
    let unescaped = unescape_operators(expr);
    let expr = unescaped.as_ref();
    let mut m = Machine {
        operands: Vec::new(),
        operators: Vec::new(),
    };
    // true: an operand (number, constant, unary operator or `(`) is expected next.
    let mut expecting_operand = true;
    let bytes = expr.as_bytes();
    let mut i = 0;
    while i < expr.len() {
        let Some(c) = expr[i..].chars().next() else {
            break;
        };
        if is_white(c) {
            i += c.len_utf8();
            continue;
        }
        if c.is_ascii_digit() || c == '.' {
            let start = i;
            while i < bytes.len() && (bytes[i].is_ascii_digit() || bytes[i] == b'.') {
                i += 1;
            }
            if !expecting_operand {
                return Err(ExprError::UnexpectedNumber);
            }
            m.push_operand(Num::Float(parse_number(&expr[start..i])))?;
            expecting_operand = false;
            continue;
        }
        if c.is_ascii_alphabetic() {
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphabetic() {
                i += 1;
            }
            let word = expr[start..i].to_ascii_lowercase();
            match lookup_word(&word) {
                None => return Err(ExprError::UnrecognisedWord(word)),
                Some(Word::ConstE) => {
                    if expecting_operand {
                        m.push_operand(Num::Float(std::f64::consts::E))?;
                        expecting_operand = false;
                    } else {
                        m.binary(Op::E)?;
                        expecting_operand = true;
                    }
                }
                Some(Word::Pi) => {
                    if !expecting_operand {
                        return Err(ExprError::UnexpectedNumber);
                    }
                    m.push_operand(Num::Float(std::f64::consts::PI))?;
                    expecting_operand = false;
                }
                Some(Word::Unary(op)) => {
                    if !expecting_operand {
                        return Err(ExprError::UnexpectedOperator(op.name().to_string()));
                    }
                    m.push_operator(op)?;
                }
                Some(Word::Binary(op)) => {
                    if expecting_operand {
                        return Err(ExprError::UnexpectedOperator(op.name().to_string()));
                    }
                    m.binary(op)?;
                    expecting_operand = true;
                }
            }
            continue;
        }
        // Punctuation.
        let next = expr[i + c.len_utf8()..].chars().next();
        let (op, len) = match (c, next) {
            ('(', _) => {
                if !expecting_operand {
                    return Err(ExprError::UnexpectedOperator("(".to_string()));
                }
                m.push_operator(Op::Open)?;
                i += 1;
                continue;
            }
            (')', _) => {
                loop {
                    match m.operators.pop() {
                        None => return Err(ExprError::UnexpectedClosingBracket),
                        Some(Op::Open) => break,
                        Some(op) => m.apply(op)?,
                    }
                }
                expecting_operand = false;
                i += 1;
                continue;
            }
            // U+2212 MINUS SIGN is accepted as a minus.
            ('+', _) | ('-', _) | ('\u{2212}', _) => {
                let minus = c != '+';
                if expecting_operand {
                    m.push_operator(if minus { Op::Neg } else { Op::Pos })?;
                    i += c.len_utf8();
                    continue;
                }
                (if minus { Op::Sub } else { Op::Add }, c.len_utf8())
            }
            ('*', _) => (Op::Mul, 1),
            ('/', _) => (Op::Slash, 1),
            ('^', _) => (Op::Pow, 1),
            ('=', _) => (Op::Eq, 1),
            ('!', Some('=')) => (Op::NotEqBang, 2),
            ('<', Some('>')) => (Op::NotEqAngle, 2),
            ('<', Some('=')) => (Op::Le, 2),
            ('>', Some('=')) => (Op::Ge, 2),
            ('<', _) => (Op::Lt, 1),
            ('>', _) => (Op::Gt, 1),
            _ => return Err(ExprError::UnrecognisedPunctuation(c.to_string())),
        };
        if expecting_operand {
            return Err(ExprError::UnexpectedOperator(op.name().to_string()));
        }
        m.binary(op)?;
        expecting_operand = true;
        i += len;
    }

    while let Some(op) = m.operators.pop() {
        if op == Op::Open {
            return Err(ExprError::UnclosedBracket);
        }
        m.apply(op)?;
    }
    Ok(m.operands.pop())
}

/// A run of digits and points, read like PHP's `floatval`: the longest prefix of the
/// form `digits [. digits]`; a lone point (or no digits) reads as 0.
fn parse_number(s: &str) -> f64 {
    let end = match s.find('.') {
        Some(p) => s[p + 1..].find('.').map_or(s.len(), |q| p + 1 + q),
        None => s.len(),
    };
    let t = &s[..end];
    if !t.bytes().any(|b| b.is_ascii_digit()) {
        return 0.0;
    }
    t.parse::<f64>().unwrap_or(0.0)
}

fn unary(op: Op, a: Num) -> Result<Num, ExprError> {
    use Op::*;
    let x = a.f();
    Ok(match op {
        Neg => match a {
            Num::Int(i) => i.checked_neg().map_or(Num::Float(-(i as f64)), Num::Int),
            Num::Float(x) => Num::Float(-x),
        },
        Pos => a,
        Not => bool_num(!a.truthy()),
        Ceil => Num::Float(x.ceil()),
        Floor => Num::Float(x.floor()),
        Trunc => Num::Int(a.to_int()),
        Abs => match a {
            Num::Int(i) => i
                .checked_abs()
                .map_or(Num::Float((i as f64).abs()), Num::Int),
            Num::Float(x) => Num::Float(x.abs()),
        },
        Exp => Num::Float(x.exp()),
        Ln => {
            if x <= 0.0 {
                return Err(ExprError::InvalidArgumentLn);
            }
            Num::Float(x.ln())
        }
        Sin => Num::Float(x.sin()),
        Cos => Num::Float(x.cos()),
        Tan => Num::Float(x.tan()),
        Atan => Num::Float(x.atan()),
        Asin | Acos => {
            if !(-1.0..=1.0).contains(&x) && !x.is_nan() {
                return Err(ExprError::InvalidArgument(op.name().to_string()));
            }
            Num::Float(if op == Asin { x.asin() } else { x.acos() })
        }
        Sqrt => {
            let r = x.sqrt();
            if r.is_nan() {
                return Err(ExprError::NotANumber("sqrt".to_string()));
            }
            Num::Float(r)
        }
        _ => return Err(ExprError::UnknownError(op.name().to_string())),
    })
}

fn num_pow(l: Num, r: Num) -> Num {
    if let (Num::Int(b), Num::Int(e)) = (l, r) {
        if let Some(v) = u32::try_from(e).ok().and_then(|e| b.checked_pow(e)) {
            return Num::Int(v);
        }
    }
    Num::Float(l.f().powf(r.f()))
}

fn num_mul(l: Num, r: Num) -> Num {
    match (l, r) {
        (Num::Int(a), Num::Int(b)) => a
            .checked_mul(b)
            .map_or(Num::Float(a as f64 * b as f64), Num::Int),
        _ => Num::Float(l.f() * r.f()),
    }
}

fn binary(op: Op, l: Num, r: Num) -> Result<Num, ExprError> {
    use Op::*;
    Ok(match op {
        E => num_mul(l, num_pow(Num::Int(10), r)),
        Pow => num_pow(l, r),
        Mul => num_mul(l, r),
        Slash | Div => {
            if r.is_zero() {
                return Err(ExprError::DivisionByZero);
            }
            match (l, r) {
                (Num::Int(a), Num::Int(b)) => match (a.checked_rem(b), a.checked_div(b)) {
                    (Some(0), Some(q)) => Num::Int(q),
                    _ => Num::Float(a as f64 / b as f64),
                },
                _ => Num::Float(l.f() / r.f()),
            }
        }
        Mod => {
            let (a, b) = (l.to_int(), r.to_int());
            if b == 0 {
                return Err(ExprError::DivisionByZero);
            }
            Num::Int(a.checked_rem(b).unwrap_or(0))
        }
        Fmod => {
            if r.is_zero() {
                return Err(ExprError::DivisionByZero);
            }
            Num::Float(l.f() % r.f())
        }
        Add => match (l, r) {
            (Num::Int(a), Num::Int(b)) => a
                .checked_add(b)
                .map_or(Num::Float(a as f64 + b as f64), Num::Int),
            _ => Num::Float(l.f() + r.f()),
        },
        Sub => match (l, r) {
            (Num::Int(a), Num::Int(b)) => a
                .checked_sub(b)
                .map_or(Num::Float(a as f64 - b as f64), Num::Int),
            _ => Num::Float(l.f() - r.f()),
        },
        Round => Num::Float(php_round(l.f(), r.to_int())),
        Eq => bool_num(compare(l, r) == Some(std::cmp::Ordering::Equal)),
        NotEqBang | NotEqAngle => bool_num(compare(l, r) != Some(std::cmp::Ordering::Equal)),
        Lt => bool_num(compare(l, r) == Some(std::cmp::Ordering::Less)),
        Gt => bool_num(compare(l, r) == Some(std::cmp::Ordering::Greater)),
        Le => bool_num(matches!(
            compare(l, r),
            Some(std::cmp::Ordering::Less | std::cmp::Ordering::Equal)
        )),
        Ge => bool_num(matches!(
            compare(l, r),
            Some(std::cmp::Ordering::Greater | std::cmp::Ordering::Equal)
        )),
        And => bool_num(l.truthy() && r.truthy()),
        Or => bool_num(l.truthy() || r.truthy()),
        _ => return Err(ExprError::UnknownError(op.name().to_string())),
    })
}

fn compare(l: Num, r: Num) -> Option<std::cmp::Ordering> {
    match (l, r) {
        (Num::Int(a), Num::Int(b)) => Some(a.cmp(&b)),
        _ => l.f().partial_cmp(&r.f()),
    }
}

/// PHP `round($x, $places)`: round half away from zero to `places` decimal places
/// (negative: to tens, hundreds, ...). Done on the shortest decimal representation
/// of `x`, so that e.g. `1.955 round 2` gives 1.96 as written, not as stored.
fn php_round(x: f64, places: i64) -> f64 {
    if !x.is_finite() || x == 0.0 {
        return x;
    }
    let neg = x < 0.0;
    let sci = format!("{:e}", x.abs()); // e.g. "1.2345678e3"
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i64 = exp.parse().unwrap_or(0);
    let digits: Vec<u8> = mant.bytes().filter(u8::is_ascii_digit).collect();
    // Number of significant digits kept: those at or above 10^-places.
    let keep = exp.saturating_add(1).saturating_add(places);
    let result = if keep >= digits.len() as i64 {
        return x;
    } else if keep < 0 {
        0.0
    } else {
        let keep = keep as usize;
        let mut kept: Vec<u8> = digits[..keep].to_vec();
        if digits[keep] >= b'5' {
            // increment with carry
            let mut j = kept.len();
            loop {
                if j == 0 {
                    kept.insert(0, b'1');
                    break;
                }
                j -= 1;
                if kept[j] == b'9' {
                    kept[j] = b'0';
                } else {
                    kept[j] += 1;
                    break;
                }
            }
        }
        if kept.is_empty() {
            0.0
        } else {
            // value = kept × 10^(exp + 1 - keep) = kept × 10^(-places)
            let s = format!(
                "{}e{}",
                String::from_utf8_lossy(&kept),
                places.saturating_neg()
            );
            s.parse::<f64>().unwrap_or(0.0)
        }
    };
    if neg { -result } else { result }
}

// ---------------------------------------------------------------------------
// Output (PHP string conversion, precision 14)
// ---------------------------------------------------------------------------

fn format_num(v: Num) -> String {
    match v {
        Num::Int(i) => i.to_string(),
        Num::Float(x) => format_float(x),
    }
}

/// PHP's float-to-string conversion with `precision = 14`: up to 14 significant
/// digits, trailing zeros dropped; exponential form `d.dddE+X` when the decimal
/// exponent is below -4 or at least 15 digits (`1.0E+20`, `1.0E-5`);
/// `INF`, `-INF`, `NAN`; negative zero prints as `-0`.
fn format_float(x: f64) -> String {
    if x.is_nan() {
        return "NAN".to_string();
    }
    if x.is_infinite() {
        return if x > 0.0 { "INF" } else { "-INF" }.to_string();
    }
    let sign = if x.is_sign_negative() { "-" } else { "" };
    if x == 0.0 {
        return format!("{sign}0");
    }
    let sci = format!("{:.13e}", x.abs()); // "d.ddddddddddddde<exp>"
    let (mant, exp) = sci.split_once('e').unwrap_or((&sci, "0"));
    let exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: String = mant.chars().filter(char::is_ascii_digit).collect();
    while digits.len() > 1 && digits.ends_with('0') {
        digits.pop();
    }
    let decpt = exp + 1; // value = 0.DIGITS × 10^decpt
    if !(-3..=14).contains(&decpt) {
        let (first, rest) = digits.split_at(1);
        let rest = if rest.is_empty() { "0" } else { rest };
        let esign = if exp < 0 { '-' } else { '+' };
        format!("{sign}{first}.{rest}E{esign}{}", exp.unsigned_abs())
    } else if decpt <= 0 {
        format!("{sign}0.{}{digits}", "0".repeat((-decpt) as usize))
    } else {
        let d = decpt as usize;
        if digits.len() <= d {
            format!("{sign}{digits}{}", "0".repeat(d - digits.len()))
        } else {
            format!("{sign}{}.{}", &digits[..d], &digits[d..])
        }
    }
}

// ---------------------------------------------------------------------------
// Tests
// ---------------------------------------------------------------------------

#[cfg(test)]
mod tests {
    use super::*;

    fn ev(s: &str) -> String {
        match evaluate(s) {
            Ok(v) => v,
            Err(e) => e.to_string(),
        }
    }

    fn err(s: &str) -> ExprError {
        evaluate(s).expect_err(s)
    }

    #[test]
    fn escaped_operators_are_read_as_operators() {
        assert_eq!(ev("1 &lt; 2"), "1");
        assert_eq!(ev("3 &gt; 2"), "1");
        assert_eq!(ev("2 &lt;= 2"), "1");
        assert_eq!(ev("1 &lt;&gt; 1"), "0");
        assert_eq!(ev("&minus;1"), "-1");
        assert_eq!(ev("5 &minus; 3"), "2");
        assert_eq!(truth("1 &gt; 2"), Ok(Some(false)));
        // Other entities stay what they are: punctuation the language does not know.
        assert_eq!(
            err("1 &amp; 2"),
            ExprError::UnrecognisedPunctuation("&".to_string())
        );
    }

    // --- Help:Extension:ParserFunctions ##expr: basic example and table ---

    #[test]
    fn doc_basic() {
        // "{{#expr: 1 + 1 }} → 2"
        assert_eq!(ev("1 + 1"), "2");
        assert_eq!(ev(" 1+1 "), "2");
        assert_eq!(ev("\t1\n+\r1"), "2");
    }

    #[test]
    fn doc_boolean_and_error_examples() {
        // Help:Extension:ParserFunctions ##expr, boolean examples
        assert_eq!(ev("1 and -1"), "1");
        assert_eq!(ev("1 and 0"), "0");
        assert_eq!(ev("1 or -1"), "1");
        assert_eq!(ev("-1 or 0"), "1");
        assert_eq!(ev("0 or 0"), "0");
        // ... and its error examples
        assert_eq!(ev(""), "");
        assert_eq!(ev("1+"), "Expression error: Missing operand for +.");
        assert_eq!(ev("1 ="), "Expression error: Missing operand for =.");
        assert_eq!(
            ev("1 foo 2"),
            "Expression error: Unrecognized word \"foo\"."
        );
    }

    #[test]
    fn empty_is_empty() {
        // "An empty expression returns an empty string."
        assert_eq!(evaluate(""), Ok(String::new()));
        assert_eq!(evaluate("   \n"), Ok(String::new()));
        assert_eq!(truth(""), Ok(None));
        assert_eq!(truth("  "), Ok(None));
    }

    #[test]
    fn doc_unary_sign() {
        // ParserFunctions help: {{#expr: +1}} → 1, {{#expr: -1}} → -1,
        // {{#expr: + 1}} → 1, {{#expr: - 1}} → -1
        assert_eq!(ev("+1"), "1");
        assert_eq!(ev("-1"), "-1");
        assert_eq!(ev("+ 1"), "1");
        assert_eq!(ev("- 1"), "-1");
        // Help:Calculation: +-1 = -1
        assert_eq!(ev("+-1"), "-1");
        assert_eq!(ev("--1"), "1");
        assert_eq!(ev("-+-+1"), "1");
        // U+2212 MINUS SIGN accepted as minus
        assert_eq!(ev("\u{2212}3"), "-3");
        assert_eq!(ev("5 \u{2212} 3"), "2");
    }

    #[test]
    fn constants() {
        // Table: "e (2.718)", "pi (3.142)"; printed with 14 significant digits
        assert_eq!(ev("e"), "2.718281828459");
        assert_eq!(ev("pi"), "3.1415926535898");
        assert_eq!(ev("PI"), "3.1415926535898");
        assert_eq!(ev("E"), "2.718281828459");
        assert_eq!(ev("2*pi"), "6.2831853071796");
        assert_eq!(ev("(e)"), "2.718281828459");
    }

    #[test]
    fn e_operator_and_constant() {
        // Help:Calculation: "e (between subexpressions): x × 10^y", e.g. 2e3 = 2000,
        // -2.3e-4 = -0.00023; unary/e bind tightest.
        assert_eq!(ev("2e3"), "2000");
        assert_eq!(ev("2 e 3"), "2000");
        assert_eq!(ev("-2.3e-4"), "-0.00023");
        assert_eq!(ev("1e3"), "1000");
        assert_eq!(ev("1.5e-2"), "0.015");
        assert_eq!(ev("1E3"), "1000");
        assert_eq!(ev("1e+3"), "1000");
        assert_eq!(ev("(1+1)e2"), "200");
        // e as constant where an operand is expected
        assert_eq!(ev("e*2"), "5.4365636569181");
        assert_eq!(ev("2*e"), "5.4365636569181");
        assert_eq!(ev("-e"), "-2.718281828459");
        // `e e 0`: constant e, then operator e
        assert_eq!(ev("e e 0"), "2.718281828459");
        // e binds tighter than ^ and *
        assert_eq!(ev("2^1e1"), "1024");
        assert_eq!(ev("3*1e2"), "300");
        assert_eq!(err("2e"), ExprError::MissingOperand("e".into()));
        assert_eq!(err("e3"), ExprError::UnexpectedNumber);
    }

    #[test]
    fn number_formats_in() {
        // Manual:Expr parser function syntax: leading zeros, trailing point,
        // leading point are allowed.
        assert_eq!(ev("007"), "7");
        assert_eq!(ev("3."), "3");
        assert_eq!(ev(".5"), "0.5");
        assert_eq!(ev("1.500"), "1.5");
        assert_eq!(ev("."), "0");
        // read like PHP floatval: stops at the second point
        assert_eq!(ev("1.2.3"), "1.2");
        assert_eq!(ev("123456789012"), "123456789012");
        assert_eq!(ev("12345678901234"), "12345678901234");
    }

    #[test]
    fn number_formats_out() {
        // PHP float to string with precision 14
        assert_eq!(ev("1/3"), "0.33333333333333");
        assert_eq!(ev("2/3"), "0.66666666666667");
        assert_eq!(ev("1e20"), "1.0E+20");
        assert_eq!(ev("1.5e20"), "1.5E+20");
        assert_eq!(ev("1e14"), "1.0E+14");
        assert_eq!(ev("1e15"), "1.0E+15");
        assert_eq!(ev("123456789012345"), "1.2345678901234E+14");
        assert_eq!(ev("99999999999999"), "99999999999999");
        assert_eq!(ev("0.0001"), "0.0001");
        assert_eq!(ev("0.00001"), "1.0E-5");
        assert_eq!(ev("0.000012345"), "1.2345E-5");
        assert_eq!(ev("-1e20"), "-1.0E+20");
        assert_eq!(ev("2^0.5"), "1.4142135623731");
        assert_eq!(ev("0.1+0.2"), "0.3");
        assert_eq!(ev("100000 * 100000"), "10000000000");
        // -0 as PHP prints it
        assert_eq!(ev("-0"), "-0");
        assert_eq!(ev("0*-1"), "-0");
        assert_eq!(ev("0"), "0");
        assert_eq!(ev("-0+0"), "0");
    }

    #[test]
    fn inf_nan() {
        assert_eq!(ev("1e999"), "INF");
        assert_eq!(ev("-1e999"), "-INF");
        assert_eq!(ev("1e999-1e999"), "NAN");
        assert_eq!(ev("exp 1000"), "INF");
        assert_eq!(ev("(-8)^(1/3)"), "NAN");
        assert_eq!(ev("1e308*10"), "INF");
        assert_eq!(ev("1e999*0"), "NAN");
        // 400 digits
        assert_eq!(ev(&"9".repeat(400)), "INF");
    }

    #[test]
    fn arithmetic() {
        // ParserFunctions table: ^ * / div mod fmod + -
        assert_eq!(ev("2^3"), "8");
        assert_eq!(ev("2*3"), "6");
        assert_eq!(ev("6/4"), "1.5");
        // "div: Division, same as /"
        assert_eq!(ev("30 div 7"), "4.2857142857143");
        assert_eq!(ev("30 / 7"), "4.2857142857143");
        assert_eq!(ev("6 div 3"), "2");
        assert_eq!(ev("5-7"), "-2");
        assert_eq!(ev("2^-1"), "0.5");
        assert_eq!(ev("4^0.5"), "2");
        assert_eq!(ev("0^0"), "1");
    }

    #[test]
    fn modulo() {
        // Help pages: mod truncates both operands to integers (PHP %),
        // the result takes the sign of the left operand.
        assert_eq!(ev("7 mod 3"), "1");
        assert_eq!(ev("-7 mod 3"), "-1");
        assert_eq!(ev("7 mod -3"), "1");
        assert_eq!(ev("-8 mod -3"), "-2");
        assert_eq!(ev("-8 mod +3"), "-2");
        assert_eq!(ev("8 mod 2.7"), "0");
        assert_eq!(ev("8 mod 3.2"), "2");
        assert_eq!(ev("8.9 mod 3"), "2");
        assert_eq!(ev("5.7 mod 2.3"), "1");
        assert_eq!(err("5 mod 0.5"), ExprError::DivisionByZero);
        assert_eq!(err("5 mod 0"), ExprError::DivisionByZero);
        // i64::MIN % -1 must not panic
        assert_eq!(ev("trunc(-2^63) mod -1"), "0");
        assert_eq!(ev("1e999 mod 7"), "0");
    }

    #[test]
    fn fmod() {
        assert_eq!(ev("8 fmod 3"), "2");
        assert_eq!(ev("5.7 fmod 2.3"), "1.1");
        assert_eq!(ev("-5.5 fmod 2"), "-1.5");
        assert_eq!(ev("5.5 fmod -2"), "1.5");
        assert_eq!(err("5 fmod 0"), ExprError::DivisionByZero);
    }

    #[test]
    fn division_by_zero() {
        assert_eq!(ev("1/0"), "Division by zero.");
        assert_eq!(err("1 div 0"), ExprError::DivisionByZero);
        assert_eq!(err("0/0"), ExprError::DivisionByZero);
        assert_eq!(err("1/-0"), ExprError::DivisionByZero);
        assert_eq!(err("1/(1-1)"), ExprError::DivisionByZero);
    }

    #[test]
    fn round_operator() {
        // ParserFunctions help: round rounds the number on its left to a multiple of
        // 1/10 raised to a power, exponent = truncated value of the right operand.
        assert_eq!(ev("1/3 round 5"), "0.33333");
        assert_eq!(ev("1/6 round 5"), "0.16667");
        assert_eq!(ev("1234.5678 round -2"), "1200");
        assert_eq!(ev("1234.5678 round 2"), "1234.57");
        assert_eq!(ev("1234.5678 round 2.3"), "1234.57");
        assert_eq!(ev("1234.5678 round 2.9"), "1234.57");
        assert_eq!(ev("1234.5678 round 0"), "1235");
        assert_eq!(ev("1234.5678 round -5"), "0");
        assert_eq!(ev("-1234.5678 round -5"), "-0");
        assert_eq!(ev("5678 round -4"), "10000");
        assert_eq!(ev("4678 round -4"), "0");
        // half away from zero
        assert_eq!(ev("2.5 round 0"), "3");
        assert_eq!(ev("-2.5 round 0"), "-3");
        assert_eq!(ev("1.955 round 2"), "1.96");
        assert_eq!(ev("9.99 round 1"), "10");
        assert_eq!(ev("-0.4 round 0"), "-0");
        assert_eq!(ev("1.5 round 400"), "1.5");
        assert_eq!(ev("1e999 round 2"), "INF");
        assert_eq!(ev("1.5 round -1e999"), "2"); // (int)-INF is 0
        // round has lower precedence than + and higher than comparisons
        assert_eq!(ev("1 + 1.26 round 1"), "2.3");
        assert_eq!(ev("2.26 round 1 = 2.3"), "1");
    }

    #[test]
    fn functions() {
        // ParserFunctions table, unary: not ceil trunc floor abs exp ln sin cos tan
        // acos asin atan sqrt
        assert_eq!(ev("trunc 1234.5678"), "1234");
        assert_eq!(ev("trunc -1234.5678"), "-1234");
        assert_eq!(ev("floor 1234.5678"), "1234");
        assert_eq!(ev("ceil 1234.5678"), "1235");
        assert_eq!(ev("floor(-1.2)"), "-2");
        assert_eq!(ev("ceil(-1.2)"), "-1");
        assert_eq!(ev("ceil(1/3)"), "1");
        assert_eq!(ev("ceil(-0.5)"), "-0");
        assert_eq!(ev("abs -5"), "5");
        assert_eq!(ev("abs(-5.5)"), "5.5");
        assert_eq!(ev("exp 0"), "1");
        assert_eq!(ev("exp 1"), "2.718281828459");
        assert_eq!(ev("ln e"), "1");
        assert_eq!(ev("ln 1"), "0");
        assert_eq!(ev("sqrt 4"), "2");
        assert_eq!(ev("sqrt 2"), "1.4142135623731");
        assert_eq!(ev("sin 0"), "0");
        assert_eq!(ev("sin(pi/2)"), "1");
        assert_eq!(ev("sin pi"), "1.2246467991474E-16");
        assert_eq!(ev("cos 0"), "1");
        assert_eq!(ev("cos pi"), "-1");
        assert_eq!(ev("tan 0"), "0");
        assert_eq!(ev("tan(pi/4)"), "1");
        assert_eq!(ev("asin 1"), "1.5707963267949");
        assert_eq!(ev("acos 1"), "0");
        assert_eq!(ev("acos -1"), "3.1415926535898");
        assert_eq!(ev("atan 1"), "0.78539816339745");
        assert_eq!(ev("4*atan 1"), "3.1415926535898");
        assert_eq!(ev("SQRT 9"), "3");
        assert_eq!(ev("sqrt sqrt 16"), "2");
    }

    #[test]
    fn function_errors() {
        assert_eq!(ev("ln 0"), "Invalid argument for ln: <= 0.");
        assert_eq!(err("ln -1"), ExprError::InvalidArgumentLn);
        assert_eq!(ev("asin 2"), "Invalid argument for asin: < -1 or > 1.");
        assert_eq!(ev("acos -1.5"), "Invalid argument for acos: < -1 or > 1.");
        assert_eq!(ev("sqrt -1"), "In sqrt: result is not a number.");
        assert_eq!(ev("sqrt -0"), "-0");
    }

    #[test]
    fn integer_typing() {
        // Help:Calculation: -trunc(12) = -12; -trunc(-2^63) = 9.2233720368548E+18
        assert_eq!(ev("-trunc(12)"), "-12");
        assert_eq!(ev("-trunc(-2^63)"), "9.2233720368548E+18");
        assert_eq!(ev("trunc(-2^63)"), "-9223372036854775808");
        // trunc gives a PHP integer: printed in full
        assert_eq!(ev("trunc(2^62)"), "4611686018427387904");
        assert_eq!(ev("2^62"), "4.6116860184274E+18");
        assert_eq!(ev("trunc 2 ^ trunc 62"), "4611686018427387904");
        assert_eq!(ev("trunc 2 ^ trunc 64"), "1.844674407371E+19");
        assert_eq!(ev("trunc(2^62) * trunc 4"), "1.844674407371E+19");
        assert_eq!(ev("trunc 7 / trunc 2"), "3.5");
        assert_eq!(ev("trunc 1e999"), "0");
        assert_eq!(ev("abs trunc(-2^63)"), "9.2233720368548E+18");
    }

    #[test]
    fn precedence() {
        // Precedence per the ParserFunctions table.
        assert_eq!(ev("1 + 2 * 3"), "7");
        assert_eq!(ev("(1 + 2) * 3"), "9");
        assert_eq!(ev("2 * 3 ^ 2"), "18");
        assert_eq!(ev("-2 ^ 2"), "4"); // unary minus binds tighter than ^
        assert_eq!(ev("0 - 2 ^ 2"), "-4");
        assert_eq!(ev("2 ^ 3 ^ 2"), "64"); // left to right
        assert_eq!(ev("10 - 4 - 3"), "3");
        assert_eq!(ev("12 / 2 / 3"), "2");
        assert_eq!(ev("7 mod 4 * 2"), "6"); // mod and * equal, left to right
        assert_eq!(ev("2 * 7 mod 4"), "2");
        assert_eq!(ev("sin 0 + 1"), "1");
        assert_eq!(ev("abs -2 ^ 2"), "4");
        assert_eq!(ev("not 0 + 1"), "2"); // not binds tighter than +
        assert_eq!(ev("not (0 + 1)"), "0");
        assert_eq!(ev("1 + 1 = 2"), "1");
        assert_eq!(ev("1 < 2 = 1"), "1");
        assert_eq!(ev("1 or 0 and 0"), "1"); // and before or
        assert_eq!(ev("(1 or 0) and 0"), "0");
        assert_eq!(ev("1 = 1 and 2 = 2"), "1");
        assert_eq!(ev("((((1))))"), "1");
        assert_eq!(ev("2^-2"), "0.25");
        assert_eq!(ev("2^-2^2"), "0.0625");
    }

    #[test]
    fn comparisons_and_logic() {
        // "Boolean operators consider 0 false and any other number true; true is 1."
        assert_eq!(ev("1 = 1"), "1");
        assert_eq!(ev("1 = 2"), "0");
        assert_eq!(ev("1 != 2"), "1");
        assert_eq!(ev("1 <> 1"), "0");
        assert_eq!(ev("1 < 2"), "1");
        assert_eq!(ev("2 < 1"), "0");
        assert_eq!(ev("2 > 1"), "1");
        assert_eq!(ev("1 <= 1"), "1");
        assert_eq!(ev("2 <= 1"), "0");
        assert_eq!(ev("1 >= 1"), "1");
        assert_eq!(ev("0 >= 1"), "0");
        assert_eq!(ev("3 and 4"), "1");
        assert_eq!(ev("3 and 0"), "0");
        assert_eq!(ev("0 or 0"), "0");
        assert_eq!(ev("0 or -2"), "1");
        assert_eq!(ev("not 0"), "1");
        assert_eq!(ev("not 5"), "0");
        assert_eq!(ev("not not 5"), "1");
        assert_eq!(ev("NOT 0 AND 1"), "1");
        assert_eq!(ev("(1e999-1e999) = (1e999-1e999)"), "0");
        assert_eq!(ev("(1e999-1e999) != 0"), "1");
        assert_eq!(ev("(1e999-1e999) and 1"), "1");
        assert_eq!(ev("0.1+0.2 = 0.3"), "0");
    }

    #[test]
    fn truth_values() {
        // #ifexpr: empty → neither; otherwise result != 0
        assert_eq!(truth("1"), Ok(Some(true)));
        assert_eq!(truth("0"), Ok(Some(false)));
        assert_eq!(truth("-0"), Ok(Some(false)));
        assert_eq!(truth("1 > 2"), Ok(Some(false)));
        assert_eq!(truth("0.001"), Ok(Some(true)));
        assert_eq!(truth("1e999-1e999"), Ok(Some(true)));
        assert_eq!(truth("1/0"), Err(ExprError::DivisionByZero));
        assert_eq!(truth("foo"), Err(ExprError::UnrecognisedWord("foo".into())));
    }

    #[test]
    fn error_messages_text() {
        // English message texts of the ParserFunctions extension.
        let cases: Vec<(ExprError, &str)> = vec![
            (
                ExprError::StackExhausted,
                "Expression error: Stack exhausted.",
            ),
            (
                ExprError::UnexpectedNumber,
                "Expression error: Unexpected number.",
            ),
            (
                ExprError::PregMatchFailure,
                "Expression error: Unexpected preg_match failure.",
            ),
            (
                ExprError::UnrecognisedWord("foo".into()),
                "Expression error: Unrecognized word \"foo\".",
            ),
            (
                ExprError::UnexpectedOperator("*".into()),
                "Expression error: Unexpected * operator.",
            ),
            (
                ExprError::MissingOperand("+".into()),
                "Expression error: Missing operand for +.",
            ),
            (
                ExprError::UnexpectedClosingBracket,
                "Expression error: Unexpected closing bracket.",
            ),
            (
                ExprError::UnrecognisedPunctuation("&".into()),
                "Expression error: Unrecognized punctuation character \"&\".",
            ),
            (
                ExprError::UnclosedBracket,
                "Expression error: Unclosed bracket.",
            ),
            (ExprError::DivisionByZero, "Division by zero."),
            (
                ExprError::InvalidArgument("asin".into()),
                "Invalid argument for asin: < -1 or > 1.",
            ),
            (
                ExprError::InvalidArgumentLn,
                "Invalid argument for ln: <= 0.",
            ),
            (
                ExprError::UnknownError("x".into()),
                "Expression error: Unknown error (x).",
            ),
            (
                ExprError::NotANumber("sqrt".into()),
                "In sqrt: result is not a number.",
            ),
        ];
        for (e, s) in cases {
            assert_eq!(e.to_string(), s);
        }
    }

    #[test]
    fn errors_produced() {
        assert_eq!(ev("foo"), "Expression error: Unrecognized word \"foo\".");
        assert_eq!(err("1 + Foo"), ExprError::UnrecognisedWord("foo".into()));
        assert_eq!(err("pie"), ExprError::UnrecognisedWord("pie".into()));
        assert_eq!(err("1 2"), ExprError::UnexpectedNumber);
        assert_eq!(err("(1) 2"), ExprError::UnexpectedNumber);
        assert_eq!(err("2 pi"), ExprError::UnexpectedNumber);
        assert_eq!(ev("1+"), "Expression error: Missing operand for +.");
        assert_eq!(err("1 mod"), ExprError::MissingOperand("mod".into()));
        assert_eq!(err("-"), ExprError::MissingOperand("-".into()));
        assert_eq!(err("not"), ExprError::MissingOperand("not".into()));
        assert_eq!(err("sqrt()"), ExprError::MissingOperand("sqrt".into()));
        assert_eq!(err("2*()"), ExprError::MissingOperand("*".into()));
        assert_eq!(err("(1+)"), ExprError::MissingOperand("+".into()));
        assert_eq!(ev("(1"), "Expression error: Unclosed bracket.");
        assert_eq!(err("(("), ExprError::UnclosedBracket);
        assert_eq!(ev("1)"), "Expression error: Unexpected closing bracket.");
        assert_eq!(err(")"), ExprError::UnexpectedClosingBracket);
        assert_eq!(err("(1))"), ExprError::UnexpectedClosingBracket);
        assert_eq!(
            ev("1 & 2"),
            "Expression error: Unrecognized punctuation character \"&\"."
        );
        assert_eq!(err("1 % 2"), ExprError::UnrecognisedPunctuation("%".into()));
        assert_eq!(err("1 ! 2"), ExprError::UnrecognisedPunctuation("!".into()));
        assert_eq!(err("1,000"), ExprError::UnrecognisedPunctuation(",".into()));
        assert_eq!(err("é"), ExprError::UnrecognisedPunctuation("é".into()));
        assert_eq!(err("1 ≤ 2"), ExprError::UnrecognisedPunctuation("≤".into()));
        assert_eq!(ev("* 2"), "Expression error: Unexpected * operator.");
        assert_eq!(err("1 * * 2"), ExprError::UnexpectedOperator("*".into()));
        assert_eq!(err("mod 2"), ExprError::UnexpectedOperator("mod".into()));
        assert_eq!(err("1 <> <> 2"), ExprError::UnexpectedOperator("<>".into()));
        assert_eq!(err("2 sin 3"), ExprError::UnexpectedOperator("sin".into()));
        assert_eq!(err("2 not 3"), ExprError::UnexpectedOperator("not".into()));
        assert_eq!(err("2 (3)"), ExprError::UnexpectedOperator("(".into()));
        assert_eq!(err("=1"), ExprError::UnexpectedOperator("=".into()));
        // operations are reduced while reading (stack machine), so the division
        // fails as soon as `+` arrives, before `foo` is read
        assert_eq!(err("1/0 + foo"), ExprError::DivisionByZero);
        assert_eq!(
            err("1 + foo / 0"),
            ExprError::UnrecognisedWord("foo".into())
        );
    }

    #[test]
    fn stack_exhausted() {
        let deep = "(".repeat(MAX_STACK + 1) + "1" + &")".repeat(MAX_STACK + 1);
        assert_eq!(err(&deep), ExprError::StackExhausted);
        let ok = "(".repeat(MAX_STACK - 1) + "1" + &")".repeat(MAX_STACK - 1);
        assert_eq!(ev(&ok), "1");
        assert_eq!(err(&"-".repeat(100_000)), ExprError::StackExhausted);
        assert_eq!(err(&"(".repeat(100_000)), ExprError::StackExhausted);
        // long but flat expressions are fine (left-to-right reduction keeps stacks small)
        let long = "1+".repeat(100_000) + "1";
        assert_eq!(ev(&long), "100001");
    }

    #[test]
    fn empty_brackets() {
        // `()` yields no value at all
        assert_eq!(evaluate("()"), Ok(String::new()));
        assert_eq!(truth("()"), Ok(None));
        assert_eq!(err("() 1"), ExprError::UnexpectedNumber);
    }

    /// Deterministic pseudo-random sweep: no input may panic, and evaluate/truth agree.
    #[test]
    fn no_panic_sweep() {
        const TOKENS: &[&str] = &[
            "1",
            "0",
            "9",
            ".",
            "2.5",
            "e",
            "E",
            "pi",
            "(",
            ")",
            "(",
            ")",
            "+",
            "-",
            "*",
            "/",
            "^",
            " ",
            " ",
            "mod",
            "fmod",
            "div",
            "round",
            "not",
            "and",
            "or",
            "trunc",
            "sqrt",
            "ln",
            "abs",
            "floor",
            "ceil",
            "sin",
            "acos",
            "asin",
            "exp",
            "<",
            ">",
            "=",
            "!=",
            "<>",
            "<=",
            ">=",
            "!",
            "&",
            "\u{2212}",
            "é",
            "x",
            "1e999",
            "9999999999999999999",
            "\n",
            "\t",
            ",",
            "1e",
            "e1",
            "-0",
        ];
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut ok = 0;
        for _ in 0..5000 {
            let len = (next() % 16) as usize;
            let mut s = String::new();
            for _ in 0..len {
                s.push_str(TOKENS[(next() % TOKENS.len() as u64) as usize]);
            }
            let a = evaluate(&s);
            let t = truth(&s);
            match (&a, &t) {
                (Ok(text), Ok(tv)) => {
                    ok += 1;
                    assert_eq!(text.is_empty(), tv.is_none(), "{s:?}");
                }
                (Err(e1), Err(e2)) => assert_eq!(e1, e2, "{s:?}"),
                _ => panic!("evaluate/truth disagree on {s:?}"),
            }
        }
        assert!(
            ok > 100,
            "sweep produced too few successful evaluations: {ok}"
        );
        // raw character soup too
        let chars: Vec<char> = "0123456789.eE()+-*/^ <>=!&pimodnt\u{2212}é\u{0}"
            .chars()
            .collect();
        for _ in 0..3000 {
            let len = (next() % 24) as usize;
            let s: String = (0..len)
                .map(|_| chars[(next() % chars.len() as u64) as usize])
                .collect();
            let _ = evaluate(&s);
            let _ = truth(&s);
        }
    }

    #[test]
    fn float_formatting_unit() {
        assert_eq!(format_float(1.0), "1");
        assert_eq!(format_float(-1.5), "-1.5");
        assert_eq!(format_float(1e-300), "1.0E-300");
        assert_eq!(format_float(f64::MAX), "1.7976931348623E+308");
        assert_eq!(format_float(5e-324), "4.9406564584125E-324");
        assert_eq!(format_float(123456.789), "123456.789");
        assert_eq!(format_float(0.1), "0.1");
        assert_eq!(format_float(1e13), "10000000000000");
        assert_eq!(format_float(99999999999999.9), "1.0E+14");
    }

    #[test]
    fn php_int_cast() {
        assert_eq!(php_float_to_int(f64::NAN), 0);
        assert_eq!(php_float_to_int(f64::INFINITY), 0);
        assert_eq!(php_float_to_int(-3.9), -3);
        assert_eq!(php_float_to_int(9_223_372_036_854_775_808.0), i64::MIN);
        assert_eq!(php_float_to_int(18_446_744_073_709_551_616.0), 0);
        assert_eq!(php_float_to_int(1e19), -8_446_744_073_709_551_616);
    }
}
