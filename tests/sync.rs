//! Sync against a local server that plays the registers from recorded responses.
