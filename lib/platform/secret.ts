/** A secret read at run time (the HMAC key, the API token); cached by the adapter. */
export type SecretSource = () => Promise<string>;
