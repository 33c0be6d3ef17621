// Shapes of endpoints whose server schemas have not landed yet, written from SPEC §3.
// Each is replaced by a z.infer of the module's schema as soon as it exists.
export {};
