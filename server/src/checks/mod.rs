//! Checks: one module each, plain data in, diagnostics out.

pub mod lettering;
pub mod marks;
pub mod references;
