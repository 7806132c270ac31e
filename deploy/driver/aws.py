"""boto3 clients for the emulator (dummy credentials, us-east-1), and the
attributes `Fn::GetAtt` reads, looked up from what the emulator reports."""

import boto3
from botocore.config import Config

from emulator import ENDPOINT
from template import Unresolved

REGION = "us-east-1"
CONFIG = Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 2, "mode": "standard"})


class Aws:
    def __init__(self):
        self.session = boto3.session.Session(
            aws_access_key_id="test", aws_secret_access_key="test", region_name=REGION)
        self._clients = {}

    def __getattr__(self, service):
        if service.startswith("_"):
            raise AttributeError(service)
        name = {"lambda_": "lambda"}.get(service, service)
        if name not in self._clients:
            self._clients[name] = self.session.client(name, endpoint_url=ENDPOINT, config=CONFIG)
        return self._clients[name]

    def account(self) -> str:
        return self.sts.get_caller_identity()["Account"]

    def get_att(self, logical, kind, physical, attribute):
        """The attributes the golden templates read; anything else is Unresolved."""
        if kind == "AWS::SQS::Queue":
            if attribute == "Arn":
                return self.sqs.get_queue_attributes(QueueUrl=physical, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
            if attribute == "QueueName":
                return physical.rsplit("/", 1)[-1]
            if attribute == "QueueUrl":
                return physical
        if kind == "AWS::S3::Bucket":
            if attribute == "Arn":
                return f"arn:aws:s3:::{physical}"
        if kind == "AWS::Lambda::Function" and attribute == "Arn":
            return self.lambda_.get_function(FunctionName=physical)["Configuration"]["FunctionArn"]
        if kind == "AWS::IAM::Role":
            role = self.iam.get_role(RoleName=physical)["Role"]
            if attribute in ("Arn", "RoleId"):
                return role[attribute]
        if kind == "AWS::SNS::Topic":
            if attribute == "TopicArn":
                return physical
            if attribute == "TopicName":
                return physical.rsplit(":", 1)[-1]
        if kind == "AWS::ApiGateway::RestApi" and attribute == "RootResourceId":
            return self.apigateway.get_rest_api(restApiId=physical)["rootResourceId"]
        if kind == "AWS::Events::Rule" and attribute == "Arn":
            bus, _, name = physical.rpartition("|")  # `bus|name` on a custom bus
            return self.events.describe_rule(Name=name, EventBusName=bus or "default")["Arn"]
        if kind == "AWS::Events::EventBus" and attribute in ("Arn", "Name"):
            return self.events.describe_event_bus(Name=physical)[attribute]
        if kind == "AWS::StepFunctions::StateMachine" and attribute in ("Arn", "Name"):
            return physical if attribute == "Arn" else physical.rsplit(":", 1)[-1]
        if kind == "AWS::Logs::LogGroup" and attribute == "Arn":
            for group in self.logs.describe_log_groups(logGroupNamePrefix=physical)["logGroups"]:
                if group["logGroupName"] == physical:
                    return group["arn"]
        raise Unresolved(f"GetAtt {logical}.{attribute} ({kind})")
