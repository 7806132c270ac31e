// FormworkKit: the driver. read -> parse -> decode -> passes -> emit.
// Returns results and diagnostics; never prints.
