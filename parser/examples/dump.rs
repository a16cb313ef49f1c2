//! Print the syntax tree of the wikitext on standard input.
use std::io::Read;
fn main() {
    let mut s = String::new();
    if std::io::stdin().read_to_string(&mut s).is_err() {
        eprintln!("dump: standard input is not UTF-8");
        std::process::exit(2);
    }
    print!("{}", wikitext_parser::parse(&s).debug_dump());
}
