"""Bootstrap handler that LambdaFunction deploys to the Python functions until the application ships
its own code.

The application's pipeline replaces it by publishing new versions
(`aws lambda update-function-code --publish`, then
`aws lambda update-alias --name live --function-version <n>`); the stack sets `ignoreCodeChanges`, so
Terraform leaves the uploaded code alone. Until then every invocation is logged (JSON) and answered:
API-style events with 503, Step Functions tasks and other events with their input passed through and
`deployed: false`, so a workflow run shows the path end to end.
"""

import json
import os

FUNCTION = os.environ.get("AWS_LAMBDA_FUNCTION_NAME", "")
VERSION = os.environ.get("AWS_LAMBDA_FUNCTION_VERSION", "")


def _is_http(event):
    return isinstance(event, dict) and ("httpMethod" in event or "http" in event.get("requestContext", {}))


def handler(event, context):
    keys = sorted(event.keys()) if isinstance(event, dict) else []
    print(json.dumps({"level": "WARN", "message": "application code not deployed yet", "function": FUNCTION, "version": VERSION, "eventKeys": keys}))
    if _is_http(event):
        body = {"deployed": False, "message": "The application code has not been deployed to this function yet.", "function": FUNCTION}
        return {"statusCode": 503, "headers": {"content-type": "application/json"}, "body": json.dumps(body)}
    result = dict(event) if isinstance(event, dict) else {"input": event}
    result["deployed"] = False
    result["function"] = FUNCTION
    return result
