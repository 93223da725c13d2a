// Command connect-story runs a phone number's life against moto-connect-server with the AWS SDK
// for Go v2, as a Go user would: create an instance, search, claim, describe, list with a
// paginator, release, and claim the released number again, which the cooldown refuses.
//
// It prints one "ok" line per step and exits non-zero on the first unexpected answer.
// tests/test_sdk_clients.py runs it; by hand, against a running server:
//
//	GO111MODULE=off GOPATH=/usr/share/gocode go run tests/clients/go/main.go http://127.0.0.1:5000
//
// GOPATH mode builds against Debian's packaged SDK (golang-github-aws-aws-sdk-go-v2-dev), which has
// no module metadata per service. The endpoint is the first argument, else MOTO_CONNECT_ENDPOINT,
// else moto-connect-server's default address.
package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/connect"
	"github.com/aws/aws-sdk-go-v2/service/connect/types"
	"github.com/aws/smithy-go"
)

const region = "us-east-1"

// numbersClaimed is more than one page of the paginator below, so that it turns pages.
const numbersClaimed = 3

func main() {
	endpoint := "http://127.0.0.1:5000"
	if len(os.Args) > 1 {
		endpoint = os.Args[1]
	} else if fromEnv := os.Getenv("MOTO_CONNECT_ENDPOINT"); fromEnv != "" {
		endpoint = fromEnv
	}
	if err := story(context.Background(), newClient(endpoint)); err != nil {
		fail(err.Error())
	}
	fmt.Println("story complete")
}

// newClient is the README's Go example: the endpoint and the Region to sign for.
func newClient(endpoint string) *connect.Client {
	cfg, err := config.LoadDefaultConfig(context.Background(),
		config.WithRegion(region),
		config.WithCredentialsProvider(credentials.NewStaticCredentialsProvider("testing", "testing", "")),
		config.WithEndpointResolverWithOptions(aws.EndpointResolverWithOptionsFunc(
			func(service, region string, options ...interface{}) (aws.Endpoint, error) {
				// Without SigningRegion the request is not signed for us-east-1, and the
				// server picks its backend by the signed Region.
				return aws.Endpoint{URL: endpoint, SigningRegion: region}, nil
			})),
		config.WithRetryMaxAttempts(1), // report the server's first answer, not a retry's
	)
	if err != nil {
		fail("load config: " + err.Error())
	}
	return connect.NewFromConfig(cfg)
}

func story(ctx context.Context, client *connect.Client) error {
	instance, err := client.CreateInstance(ctx, &connect.CreateInstanceInput{
		IdentityManagementType: types.DirectoryTypeConnectManaged,
		InstanceAlias:          aws.String("go-sdk-story"),
		InboundCallsEnabled:    aws.Bool(true),
		OutboundCallsEnabled:   aws.Bool(true),
	})
	if err != nil {
		return fmt.Errorf("create instance: %w", err)
	}
	step("create instance", *instance.Id)

	// This SDK version knows TargetArn, not InstanceId, on search, claim and list.
	found, err := client.SearchAvailablePhoneNumbers(ctx, &connect.SearchAvailablePhoneNumbersInput{
		TargetArn:              instance.Arn,
		PhoneNumberCountryCode: types.PhoneNumberCountryCodeUs,
		PhoneNumberType:        types.PhoneNumberTypeTollFree,
		MaxResults:             aws.Int32(numbersClaimed),
	})
	if err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if len(found.AvailableNumbersList) != numbersClaimed {
		return fmt.Errorf("search: want %d numbers, got %d", numbersClaimed, len(found.AvailableNumbersList))
	}
	step("search", fmt.Sprintf("%d numbers", numbersClaimed))

	claimed := map[string]string{} // id -> number
	var firstID, firstNumber string
	for _, available := range found.AvailableNumbersList {
		claim, err := client.ClaimPhoneNumber(ctx, &connect.ClaimPhoneNumberInput{
			TargetArn:              instance.Arn,
			PhoneNumber:            available.PhoneNumber,
			PhoneNumberDescription: aws.String("from the Go SDK"),
		})
		if err != nil {
			return fmt.Errorf("claim %s: %w", *available.PhoneNumber, err)
		}
		claimed[*claim.PhoneNumberId] = *available.PhoneNumber
		if firstID == "" {
			firstID, firstNumber = *claim.PhoneNumberId, *available.PhoneNumber
		}
	}
	step("claim", firstNumber)

	described, err := client.DescribePhoneNumber(ctx, &connect.DescribePhoneNumberInput{PhoneNumberId: aws.String(firstID)})
	if err != nil {
		return fmt.Errorf("describe: %w", err)
	}
	summary := described.ClaimedPhoneNumberSummary
	if *summary.PhoneNumber != firstNumber || *summary.TargetArn != *instance.Arn ||
		summary.PhoneNumberStatus.Status != types.PhoneNumberWorkflowStatusClaimed {
		return fmt.Errorf("describe: unexpected summary %+v", *summary)
	}
	step("describe", string(summary.PhoneNumberStatus.Status))

	pages, listed := 0, map[string]string{}
	paginator := connect.NewListPhoneNumbersV2Paginator(client,
		&connect.ListPhoneNumbersV2Input{TargetArn: instance.Arn, MaxResults: aws.Int32(1)})
	for paginator.HasMorePages() {
		page, err := paginator.NextPage(ctx)
		if err != nil {
			return fmt.Errorf("list page %d: %w", pages+1, err)
		}
		pages++
		for _, number := range page.ListPhoneNumbersSummaryList {
			listed[*number.PhoneNumberId] = *number.PhoneNumber
		}
	}
	if pages < numbersClaimed || fmt.Sprint(listed) != fmt.Sprint(claimed) {
		return fmt.Errorf("list: %d pages of %v, want the claimed %v", pages, listed, claimed)
	}
	step("paginate", fmt.Sprintf("%d pages", pages))

	if _, err := client.ReleasePhoneNumber(ctx, &connect.ReleasePhoneNumberInput{PhoneNumberId: aws.String(firstID)}); err != nil {
		return fmt.Errorf("release: %w", err)
	}
	step("release", firstID)

	_, err = client.ClaimPhoneNumber(ctx, &connect.ClaimPhoneNumberInput{
		TargetArn: instance.Arn, PhoneNumber: aws.String(firstNumber),
	})
	var apiErr smithy.APIError
	if !errors.As(err, &apiErr) || apiErr.ErrorCode() != "InvalidParameterException" ||
		!strings.Contains(apiErr.ErrorMessage(), "Phone number not available") {
		return fmt.Errorf("claim again: want InvalidParameterException \"Phone number not available\", got %v", err)
	}
	step("cooldown", apiErr.ErrorCode()+": "+apiErr.ErrorMessage())
	return nil
}

func step(name, detail string) {
	fmt.Printf("ok %s: %s\n", name, detail)
}

func fail(message string) {
	fmt.Fprintln(os.Stderr, "FAIL", message)
	os.Exit(1)
}
