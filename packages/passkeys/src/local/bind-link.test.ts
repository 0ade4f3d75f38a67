import { describe, expect, it } from "vitest";
import { bindingJobUrl, parseBindLink } from "./bind-link.ts";

const direct =
  "http://localhost:8300/v1/tenants/000150caae867219/realms/898e1e08d7da2373/identities/e372db224c06e850/credential-binding-jobs/c4fc2d753ca22b14:invokeAuthenticator?token=1St9IKIIabc";

describe("parseBindLink", () => {
  it("reads the direct :invokeAuthenticator link", () => {
    expect(parseBindLink(direct)).toEqual({
      apiBaseUrl: "http://localhost:8300",
      tenantId: "000150caae867219",
      realmId: "898e1e08d7da2373",
      identityId: "e372db224c06e850",
      jobId: "c4fc2d753ca22b14",
      token: "1St9IKIIabc",
    });
  });

  it("reads the app's /bind link that an emailed link lands on", () => {
    const query = new URLSearchParams({
      api_base_url: "https://api-us.beyondidentity.com",
      tenant_id: "t1",
      realm_id: "r1",
      identity_id: "i1",
      job_id: "j1",
      token: "tok-12345678",
    });
    expect(parseBindLink(`http://localhost:3002/bind?${query}`)).toMatchObject({
      apiBaseUrl: "https://api-us.beyondidentity.com",
      jobId: "j1",
      token: "tok-12345678",
    });
  });

  it("refuses links without a token, with odd ids, or with a non-http API", () => {
    expect(parseBindLink(direct.replace(/\?token=.*/, ""))).toBeNull();
    expect(parseBindLink("http://localhost:3002/bind?token=tok-12345678&job_id=../x")).toBeNull();
    expect(
      parseBindLink(
        "http://localhost:3002/bind?api_base_url=javascript:alert(1)&tenant_id=t&realm_id=r&identity_id=i&job_id=j&token=tok-12345678",
      ),
    ).toBeNull();
    expect(parseBindLink("not a url")).toBeNull();
    expect(parseBindLink("http://localhost:3002/protected?token=tok-12345678")).toBeNull();
  });

  it("builds the job's action URLs on the API", () => {
    const link = parseBindLink(direct);
    if (!link) throw new Error("unparsed");
    expect(bindingJobUrl(link, "complete")).toBe(
      direct.replace(/invokeAuthenticator\?.*/, "complete"),
    );
  });
});
