/**
 * `text` as a literal inside a Terraform string: `${` and `%{` open templates there, so they are
 * doubled (`$${`, `%%{`) and Terraform reads the text back unchanged. Needed wherever a value of the
 * configuration that may legitimately hold them (IAM policy variables such as `${aws:username}`) is
 * written into Terraform JSON or HCL.
 */
export function terraformLiteral(text: string): string {
  return text.replace(/\$\{/g, () => "$${").replace(/%\{/g, () => "%%{");
}
