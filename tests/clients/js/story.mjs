// A phone number's life against moto-connect-server with the AWS SDK for JavaScript v3, as a
// JavaScript user would: create an instance, search, claim, describe, list with a paginator,
// create a contact flow, associate the number with it, list the associations, disassociate,
// release, and claim the released number again, which the cooldown refuses; then request a number
// in AWS End User Messaging SMS, import it into the instance, describe it, release it from Connect
// and then from End User Messaging.
//
// It prints one "ok" line per step and exits non-zero on the first unexpected answer.
// tests/test_sdk_clients.py runs it; by hand, after `npm ci` here and with a server running:
//
//   node tests/clients/js/story.mjs http://127.0.0.1:5000
//
// The endpoint is the first argument, else MOTO_CONNECT_ENDPOINT, else moto-connect-server's
// default address.
import assert from "node:assert/strict";
import {
  AssociatePhoneNumberContactFlowCommand,
  ClaimPhoneNumberCommand,
  ConnectClient,
  CreateContactFlowCommand,
  CreateInstanceCommand,
  DescribePhoneNumberCommand,
  DisassociatePhoneNumberContactFlowCommand,
  ListFlowAssociationsCommand,
  paginateListPhoneNumbersV2,
  ReleasePhoneNumberCommand,
  ImportPhoneNumberCommand,
  SearchAvailablePhoneNumbersCommand,
} from "@aws-sdk/client-connect";
import {
  PinpointSMSVoiceV2Client,
  ReleasePhoneNumberCommand as ReleaseSmsNumberCommand,
  RequestPhoneNumberCommand,
} from "@aws-sdk/client-pinpoint-sms-voice-v2";

const endpoint = process.argv[2] ?? process.env.MOTO_CONNECT_ENDPOINT ?? "http://127.0.0.1:5000";
// More than one page of the paginator below, so that it turns pages.
const numbersClaimed = 3;

const step = (name, detail) => console.log(`ok ${name}: ${detail}`);

// The README's JavaScript example.
const connect = new ConnectClient({
  region: "us-east-1",
  endpoint,
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  maxAttempts: 1, // report the server's first answer, not a retry's
});

const sms = new PinpointSMSVoiceV2Client({
  region: "us-east-1",
  endpoint,
  credentials: { accessKeyId: "testing", secretAccessKey: "testing" },
  maxAttempts: 1,
});

async function story() {
  const instance = await connect.send(new CreateInstanceCommand({
    IdentityManagementType: "CONNECT_MANAGED",
    InstanceAlias: "js-sdk-story",
    InboundCallsEnabled: true,
    OutboundCallsEnabled: true,
  }));
  step("create instance", instance.Id);

  const { AvailableNumbersList } = await connect.send(new SearchAvailablePhoneNumbersCommand({
    InstanceId: instance.Id,
    PhoneNumberCountryCode: "US",
    PhoneNumberType: "TOLL_FREE",
    MaxResults: numbersClaimed,
  }));
  assert.equal(AvailableNumbersList.length, numbersClaimed, "search");
  step("search", `${numbersClaimed} numbers`);

  const claimed = new Map(); // id -> number
  for (const { PhoneNumber } of AvailableNumbersList) {
    const { PhoneNumberId } = await connect.send(new ClaimPhoneNumberCommand({
      InstanceId: instance.Id,
      PhoneNumber,
      PhoneNumberDescription: "from the JavaScript SDK",
    }));
    claimed.set(PhoneNumberId, PhoneNumber);
  }
  const [[firstId, firstNumber]] = claimed;
  step("claim", firstNumber);

  const { ClaimedPhoneNumberSummary: summary } = await connect.send(
    new DescribePhoneNumberCommand({ PhoneNumberId: firstId }),
  );
  assert.equal(summary.PhoneNumber, firstNumber, "describe: number");
  assert.equal(summary.InstanceId, instance.Id, "describe: instance");
  assert.equal(summary.TargetArn, instance.Arn, "describe: target");
  assert.equal(summary.PhoneNumberStatus.Status, "CLAIMED", "describe: status");
  step("describe", summary.PhoneNumberStatus.Status);

  let pages = 0;
  const listed = new Map();
  const paginator = paginateListPhoneNumbersV2(
    { client: connect, pageSize: 1 },
    { InstanceId: instance.Id },
  );
  for await (const page of paginator) {
    pages += 1;
    for (const number of page.ListPhoneNumbersSummaryList) {
      listed.set(number.PhoneNumberId, number.PhoneNumber);
    }
  }
  assert.ok(pages >= numbersClaimed, `list: ${pages} pages`);
  assert.deepEqual(listed, claimed, "list: the claimed numbers");
  step("paginate", `${pages} pages`);

  const flow = await connect.send(new CreateContactFlowCommand({
    InstanceId: instance.Id,
    Name: "JavaScript flow",
    Type: "CONTACT_FLOW",
    Content: JSON.stringify({
      Version: "2019-10-30",
      StartAction: "bye",
      Actions: [{ Identifier: "bye", Type: "DisconnectParticipant", Transitions: {} }],
    }),
  }));
  assert.match(flow.ContactFlowArn, /\/contact-flow\//, "create flow: ARN");
  step("create flow", flow.ContactFlowId);

  await connect.send(new AssociatePhoneNumberContactFlowCommand({
    PhoneNumberId: firstId,
    InstanceId: instance.Id,
    ContactFlowId: flow.ContactFlowId,
  }));
  step("associate", flow.ContactFlowId);

  const { FlowAssociationSummaryList: associations } = await connect.send(
    new ListFlowAssociationsCommand({ InstanceId: instance.Id, ResourceType: "VOICE_PHONE_NUMBER" }),
  );
  assert.deepEqual(
    associations.map((a) => [a.ResourceId, a.FlowId, a.ResourceType]),
    [[summary.PhoneNumberArn, flow.ContactFlowArn, "VOICE_PHONE_NUMBER"]],
    "list associations",
  );
  step("list associations", `${associations.length} association`);

  await connect.send(new DisassociatePhoneNumberContactFlowCommand({
    PhoneNumberId: firstId,
    InstanceId: instance.Id,
  }));
  step("disassociate", firstId);

  await connect.send(new ReleasePhoneNumberCommand({ PhoneNumberId: firstId }));
  step("release", firstId);

  const refused = await connect
    .send(new ClaimPhoneNumberCommand({ InstanceId: instance.Id, PhoneNumber: firstNumber }))
    .then(() => assert.fail("claim again: the released number was claimed during its cooldown"))
    .catch((error) => error);
  assert.equal(refused.name, "InvalidParameterException", `claim again: ${refused}`);
  assert.match(refused.message, /Phone number not available/, "claim again: message");
  assert.equal(refused.$metadata.httpStatusCode, 400, "claim again: status");
  step("cooldown", `${refused.name}: ${refused.message}`);

  const requested = await sms.send(new RequestPhoneNumberCommand({
    IsoCountryCode: "US",
    MessageType: "TRANSACTIONAL",
    NumberCapabilities: ["SMS", "VOICE"],
    NumberType: "TOLL_FREE",
  }));
  assert.equal(requested.Status, "ACTIVE", "request: status");
  step("request in End User Messaging", requested.PhoneNumber);

  const imported = await connect.send(new ImportPhoneNumberCommand({
    InstanceId: instance.Id,
    SourcePhoneNumberArn: requested.PhoneNumberArn,
  }));
  const { ClaimedPhoneNumberSummary: importedSummary } = await connect.send(
    new DescribePhoneNumberCommand({ PhoneNumberId: imported.PhoneNumberId }),
  );
  assert.equal(importedSummary.PhoneNumber, requested.PhoneNumber, "import: number");
  assert.equal(importedSummary.SourcePhoneNumberArn, requested.PhoneNumberArn, "import: source");
  assert.equal(importedSummary.PhoneNumberType, "TOLL_FREE", "import: type");
  assert.equal(importedSummary.PhoneNumberStatus.Status, "CLAIMED", "import: status");
  step("import", imported.PhoneNumberArn);

  await connect.send(new ReleasePhoneNumberCommand({ PhoneNumberId: imported.PhoneNumberId }));
  const released = await sms.send(new ReleaseSmsNumberCommand({
    PhoneNumberId: requested.PhoneNumberId,
  }));
  assert.equal(released.Status, "DELETED", "release in End User Messaging");
  step("release imported", `${imported.PhoneNumberId}, then ${requested.PhoneNumberId}`);
}

try {
  await story();
  console.log("story complete");
} catch (error) {
  console.error("FAIL", error);
  process.exit(1);
}
