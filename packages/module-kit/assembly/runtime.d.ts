// Runtime functions asc provides to every module; declared here for editors and tsc only
// (asc reads them from its own std/assembly/rt, this file is never imported).
declare function __new(size: usize, id: u32): usize;
declare function __renew(ptr: usize, size: usize): usize;
