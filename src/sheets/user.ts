/** Who is running the script: the active user, or (in a trigger) the account that installed it. */
export function currentUserEmail(): string {
  return Session.getActiveUser().getEmail() || Session.getEffectiveUser().getEmail();
}
