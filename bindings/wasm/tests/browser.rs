//! The API tests in headless Chromium, driven by chromedriver
//! (`webdriver.json` in the crate root gives Chromium's flags).
#![cfg(target_arch = "wasm32")]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod common;
