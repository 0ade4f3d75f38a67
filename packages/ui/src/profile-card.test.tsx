import { renderToStaticMarkup } from "react-dom/server";
import { describe, expect, it } from "vitest";
import { ProfileCard } from "./profile-card.tsx";

describe("ProfileCard", () => {
  it("shows the normalized user and a readable expiry that keeps the ISO date", () => {
    const html = renderToStaticMarkup(
      <ProfileCard
        user={{ id: "user-123", name: "Alice Liddell", email: "alice@example.com" }}
        idpName="Keycloak"
        expiresAt="2025-11-22T13:45:00.000Z"
      />,
    );
    expect(html).toContain('data-testid="profile-card"');
    for (const value of ["Alice Liddell", "alice@example.com", "user-123", "Keycloak", ">AL<"]) {
      expect(html).toContain(value);
    }
    expect(html).toContain(
      '<time data-testid="profile-expires" dateTime="2025-11-22T13:45:00.000Z">',
    );
    expect(html).toContain("22 Nov 2025, 13:45 UTC");
  });
});
