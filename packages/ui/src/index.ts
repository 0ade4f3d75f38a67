export {
  AppShell,
  type AppShellProps,
  defaultNav,
  type NavItem,
} from "./app-shell.tsx";
export { ClaimsTable, type ClaimsTableProps } from "./claims-table.tsx";
export { primaryButton, secondaryButton, textLink } from "./class-names.ts";
export { ErrorPanel, type ErrorPanelProps } from "./error-panel.tsx";
export { JsonPanel, type JsonPanelProps } from "./json-panel.tsx";
export { Notice, type NoticeProps, type NoticeTone } from "./notice.tsx";
export { ProfileCard, type ProfileCardProps, type ProfileUser } from "./profile-card.tsx";
export { SessionBadge, type SessionBadgeProps, type SessionUser } from "./session-badge.tsx";
export { SessionLifetime, type SessionLifetimeProps } from "./session-lifetime.tsx";
export { SignedOutHero, type SignedOutHeroProps } from "./signed-out-hero.tsx";
