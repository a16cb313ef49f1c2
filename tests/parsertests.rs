//! The parser-test ratchet.
//!
//! tests/parsertests-passing.txt lists the Parsoid parser-test cases (wt2html)
//! we pass. Each listed case is one trial and must keep passing; a regression
//! fails with the normalized expected and actual HTML. One more trial runs every
//! unlisted case and, when some now pass, says how to refresh the list (it does
//! not fail: the list only ever grows by a deliberate commit). Another checks
//! that the files still yield the 1,833 cases Parsoid's runner compares.
//!
//! The real pages (../shared/realpages) have their own list,
//! tests/realpages-passing.txt, kept the same way: a page that passes must
//! keep passing.
//!
//! The data is read from the shared directory (`$WIKITEXT_SHARED`, default
//! ../shared beside the repository); without it the test says so and passes.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use libtest_mimic::{Arguments, Failed, Trial};
use wikitext::parsertests::run::{
    case_id, escape_name, load_file, read_passing_list, run_case, test_files_in, CaseOutcome, SuiteFile,
};
use wikitext::parsertests::{parsertests_dir, shared_dir_for_root};

/// The wt2html cases Parsoid's standalone runner compares over all 44 files.
const EXPECTED_CASES: usize = 1833;
/// How many of them Parsoid itself fails.
const EXPECTED_PARSOID_FAILURES: usize = 41;
const REFRESH: &str = "cargo run --release -- parsertests --write-passing tests/parsertests-passing.txt";
const REFRESH_REAL_PAGES: &str =
    "cargo run --release -- parsertests ../shared/realpages/realPagesDev.txt --write-passing tests/realpages-passing.txt";

fn main() {
    let args = Arguments::from_args();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = parsertests_dir(&shared_dir_for_root(root));
    if !dir.is_dir() {
        eprintln!("parsertests: skipping, no parser-test data at {} (set WIKITEXT_SHARED)", dir.display());
        let skipped = Trial::test("parsertests (skipped: no shared data)", || Ok(()));
        libtest_mimic::run(&args, vec![skipped]).exit();
    }
    let mut trials = match load_suite(&dir) {
        Ok(suite) => {
            let suite = Arc::new(suite);
            let mut trials = vec![case_count_trial(Arc::clone(&suite))];
            trials.extend(trials_for(suite, &root.join("tests").join("parsertests-passing.txt"), "parsertests", REFRESH));
            trials
        }
        Err(message) => vec![Trial::test("parsertests: load the shared data", move || Err(message.into()))],
    };
    let real_pages = shared_dir_for_root(root).join("realpages").join("realPagesDev.txt");
    match load_file(&real_pages) {
        Ok(file) => trials.extend(trials_for(
            Arc::new(vec![file]),
            &root.join("tests").join("realpages-passing.txt"),
            "realpages",
            REFRESH_REAL_PAGES,
        )),
        Err(message) => trials.push(Trial::test("realpages: load the shared data", move || Err(message.into()))),
    }
    libtest_mimic::run(&args, trials).exit();
}

fn load_suite(dir: &Path) -> Result<Vec<SuiteFile>, String> {
    test_files_in(dir)?.iter().map(|path| load_file(path)).collect()
}

fn failure_report(case_name: &str, outcome: &CaseOutcome) -> String {
    let panic = outcome.panic.as_ref().map(|m| format!("renderer panicked: {m}\n")).unwrap_or_default();
    format!(
        "{case_name} no longer passes\n{panic}--- expected (normalized)\n{}\n+++ actual (normalized)\n{}\n",
        outcome.expected, outcome.actual
    )
}

/// The files still yield the cases Parsoid's runner compares.
fn case_count_trial(suite: Arc<Vec<SuiteFile>>) -> Trial {
    Trial::test("parsertests: 1833 wt2html cases, 41 of them Parsoid failures", move || {
        let cases = suite.iter().map(|f| f.cases.len()).sum::<usize>();
        let known = suite.iter().flat_map(|f| &f.cases).filter(|c| c.parsoid_known_failure).count();
        if cases == EXPECTED_CASES && known == EXPECTED_PARSOID_FAILURES {
            Ok(())
        } else {
            Err(format!("found {cases} cases ({known} Parsoid failures), expected {EXPECTED_CASES} ({EXPECTED_PARSOID_FAILURES})").into())
        }
    })
}

/// One trial per case listed in `passing_list`, and one that reports the
/// unlisted cases that now pass.
fn trials_for(suite: Arc<Vec<SuiteFile>>, passing_list: &Path, label: &'static str, refresh: &'static str) -> Vec<Trial> {
    let list_name = passing_list.file_name().map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    let listed_text = std::fs::read_to_string(passing_list).unwrap_or_default();
    let listed = read_passing_list(&listed_text);

    // Where each case lives, by id.
    let mut index: HashMap<String, (usize, usize)> = HashMap::new();
    for (file_index, file) in suite.iter().enumerate() {
        for (case_index, case) in file.cases.iter().enumerate() {
            index.insert(case_id(&file.name, &case.name), (file_index, case_index));
        }
    }

    let mut trials = Vec::new();

    let mut listed_ids = HashSet::new();
    for (file, name) in listed {
        let id = case_id(&file, &name);
        let trial_name = format!("{file}: {}", escape_name(&name));
        listed_ids.insert(id.clone());
        match index.get(&id).copied() {
            Some((file_index, case_index)) => {
                let suite = Arc::clone(&suite);
                trials.push(Trial::test(trial_name, move || {
                    let file = &suite[file_index];
                    let case = &file.cases[case_index];
                    let outcome = run_case(case, &file.sites);
                    if outcome.passed { Ok(()) } else { Err(Failed::from(failure_report(&case.name, &outcome))) }
                }));
            }
            None => {
                let list_name = list_name.clone();
                trials.push(Trial::test(trial_name, move || {
                    Err(format!("listed in tests/{list_name} but no such wt2html case; refresh with `{refresh}`").into())
                }));
            }
        }
    }

    trials.push(Trial::test(format!("{label}: unlisted cases (report only)"), move || {
        let mut newly_passing = Vec::new();
        for file in suite.iter() {
            for case in &file.cases {
                let id = case_id(&file.name, &case.name);
                if !listed_ids.contains(&id) && run_case(case, &file.sites).passed {
                    newly_passing.push(id);
                }
            }
        }
        if !newly_passing.is_empty() {
            println!("\n{} {label} cases pass but are not in tests/{list_name}:", newly_passing.len());
            for id in newly_passing.iter().take(20) {
                println!("    {}", id.replace('\t', ": "));
            }
            if newly_passing.len() > 20 {
                println!("    ... and {} more", newly_passing.len() - 20);
            }
            println!("Refresh the list with:\n    {refresh}\n");
        }
        Ok(())
    }));
    trials
}
