/**
 * The credential chain of a bundled function. Lambda hands a function its role's credentials in its
 * environment, so the SDK's default chain (SSO, INI files, process, web identity, the metadata
 * service, each with the clients it needs) never gets past its first link there; the bundler puts
 * this module in its place and each bundle is about 110 KB smaller. Not used outside bundles: the
 * local runtime and the tests load the SDK as it is.
 */
export { fromEnv as defaultProvider } from '@aws-sdk/credential-provider-env';
