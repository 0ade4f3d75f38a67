"use client";

export {
  type FormAction,
  SignInButton,
  type SignInButtonProps,
} from "./sign-in-button.tsx";
export { SignOutButton, type SignOutButtonProps } from "./sign-out-button.tsx";
