#!/usr/bin/env node
// A contact centre as a team would write it with the AWS CDK: an Amazon Connect instance and a toll-free
// US number claimed for it. (A traffic distribution group needs a replicated instance, which no
// CloudFormation resource makes.) `npm ci && npm run synth` writes the template that
// tests/test_cloudformation.py deploys into moto's CloudFormation.
const cdk = require("aws-cdk-lib");
const connect = require("aws-cdk-lib/aws-connect");

const app = new cdk.App();
const stack = new cdk.Stack(app, "ConnectPhoneNumber", {
  // No bootstrap stack in a mock: no BootstrapVersion parameter (an SSM lookup) and no rule on it.
  synthesizer: new cdk.DefaultStackSynthesizer({ generateBootstrapVersionRule: false }),
  analyticsReporting: false,
});

const instance = new connect.CfnInstance(stack, "ContactCentre", {
  identityManagementType: "CONNECT_MANAGED",
  instanceAlias: "cdk-contact-centre",
  attributes: { inboundCalls: true, outboundCalls: true, contactflowLogs: true },
});

const number = new connect.CfnPhoneNumber(stack, "MainLine", {
  targetArn: instance.attrArn,
  countryCode: "US",
  type: "TOLL_FREE",
  description: "Main line",
  tags: [{ key: "team", value: "support" }],
});

new cdk.CfnOutput(stack, "InstanceId", { value: instance.attrId });
new cdk.CfnOutput(stack, "PhoneNumberArn", { value: number.ref });
new cdk.CfnOutput(stack, "PhoneNumberAddress", { value: number.attrAddress });
