// Imported first by the local entry points: modules read these when they load.
// Node 20 is what these machines run; the SDK's notice about its future minimum is noise here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
// Handlers log as JSON for CloudWatch; locally only warnings and errors are worth a line.
process.env.POWERTOOLS_LOG_LEVEL ??= 'WARN';
// Business metrics are embedded-metric-format log lines for CloudWatch; locally they would be noise.
process.env.POWERTOOLS_METRICS_DISABLED ??= 'true';
