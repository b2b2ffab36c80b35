// Rebuild when the embedded example dossier changes (include_dir cannot tell cargo itself).
fn main() {
    println!("cargo:rerun-if-changed=../../fixtures/dossier");
}
