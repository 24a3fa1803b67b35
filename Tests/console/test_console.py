#!/usr/bin/env python3
"""Browser test of Ferry's web console in headless Chromium (Selenium).

Started by Tests/FerryConsoleTests/BrowserConsoleTests.swift, which runs two simulated
clusters, the Ferry controller and the console, and passes their coordinates in the
environment (see `Settings`). Walks through what a person does: sign in, add the source
cluster, create a plan with the wizard, stage, cut over (watching the migration complete
without reloading the page), roll back; checks the pages at 1280 px and 390 px, labels and
keyboard reachability; and signs in as a restricted user whose view lacks what RBAC denies.
Saves a screenshot of every page at both widths. Prints `PASSED n` or raises.
"""
import os
import sys
import time

from selenium.webdriver.support.ui import Select

from console_driver import NARROW, WIDE, Console, Settings


def add_source_cluster(console):
    settings = console.settings
    console.open("/clusters")
    console.screenshot("clusters")
    console.click("a[href='/clusters/new']")
    console.check_labels()
    console.screenshot("cluster-form")
    # A half-filled form is refused with the message next to the field and the values kept.
    console.set_value("#field-name", "source")
    console.submit()
    console.check(console.path() == "/clusters/new", "the incomplete cluster form stayed on its page")
    url_field = console.find("#field-url")
    console.check(url_field.get_attribute("aria-invalid") == "true", "the URL field is marked invalid")
    described = url_field.get_attribute("aria-describedby") or ""
    console.check("field-url-error" in described, f"the URL error is tied to its field (aria-describedby={described})")
    console.check("required" in console.text("#field-url-error"), "the URL error says it is required")
    console.check(console.find("#field-name").get_attribute("value") == "source", "the typed name was kept")
    console.screenshot("cluster-form-errors")
    console.set_value("#field-url", settings.source_url)
    console.set_value("#field-token", settings.source_token)
    console.set_value("#field-caBundle", settings.source_ca)
    console.submit()
    console.wait(lambda: console.path() == "/clusters", 20, "the cluster list after adding the cluster")
    console.check(len(console.find_all("tr[data-cluster='source']")) == 1, "the new cluster is listed")

    def ready():
        console.open("/clusters")
        return "Ready" == console.text("tr[data-cluster='source'] .status")
    console.wait(ready, 60, "the source cluster to become Ready")
    console.screenshot("clusters-ready")


def create_plan(console, name):
    settings = console.settings
    console.open("/plans")
    console.click("a[href='/plans/new']")
    console.check_labels()
    console.screenshot("wizard-general")
    console.set_value("#field-name", name)
    Select(console.find("#field-sourceCluster")).select_by_value("source")
    Select(console.find("#field-destinationCluster")).select_by_value("host")
    console.click("#wizard-next")

    console.wait(lambda: len(console.find_all("table.namespaces")) == 1, 20, "the namespaces step")
    console.check_labels()
    console.screenshot("wizard-namespaces")
    # Next without a namespace is refused on this step.
    console.click("#wizard-next")
    console.check("choose at least one namespace" in console.text("#namespaces-error"), "a plan needs a namespace")
    console.find(f"tr[data-namespace='{settings.app_namespace}'] input[type=checkbox]").click()
    console.click("#wizard-next")

    console.wait(lambda: "Persistent volumes" in console.text("form.wizard h2"), 20, "the volumes step")
    console.check_labels()
    console.screenshot("wizard-volumes")
    console.resize(NARROW)
    console.check_no_horizontal_scroll()
    console.screenshot("wizard-volumes")
    console.resize(WIDE)
    volumes = console.find_all("tr[data-volume]")
    console.check(len(volumes) >= 1, "the volumes step lists the namespace's bound claims")
    console.click("#wizard-next")

    console.wait(lambda: "Migration options" in console.text("form.wizard h2"), 20, "the options step")
    console.check_labels()
    console.screenshot("wizard-options")
    console.click("#wizard-next")
    console.wait(lambda: "Hooks" in console.text("form.wizard h2"), 20, "the hooks step")
    console.check_labels()
    console.screenshot("wizard-hooks")
    console.click("#wizard-next")
    console.wait(lambda: "Review" in console.text("form.wizard h2"), 20, "the review step")
    console.screenshot("wizard-review")
    review = console.text("dl.facts")
    console.check(settings.app_namespace in review and "source → host" in review, f"the review shows the choices: {review}")
    # Back keeps what was chosen.
    console.click("#wizard-back")
    console.wait(lambda: "Hooks" in console.text("form.wizard h2"), 20, "the hooks step again")
    console.click("#wizard-next")
    console.wait(lambda: "Review" in console.text("form.wizard h2"), 20, "the review step again")
    console.check(settings.app_namespace in console.text("dl.facts"), "going back and forth kept the namespace")
    console.click("#wizard-next")

    console.wait(lambda: console.path() == f"/plans/{name}", 20, "the plan page after Create")

    def ready():
        console.open(f"/plans/{name}")
        return console.text("#plan-status") == "Ready"
    console.wait(ready, 60, "the plan to be validated Ready")
    console.check(len(console.find_all("ul.conditions li")) >= 1, "the plan page shows the validation conditions")
    console.screenshot("plan")


def analyze_plan(console, plan):
    console.open(f"/plans/{plan}")
    console.check(console.text("#analytics-status") == "Not analyzed", "a new plan has no analytics yet")
    console.click("#action-analyze")
    console.wait(lambda: console.path().split("#")[0] == f"/plans/{plan}", 20, "the plan page after Analyze")

    def measured():
        console.open(f"/plans/{plan}")
        return console.text("#analytics-status") == "Measured"
    console.wait(measured, 60, "the controller to measure the plan's MigAnalytic")
    totals = console.text("#analytics-totals")
    console.check("Kubernetes resources" in totals and "Persistent volumes" in totals, f"the analytics totals are shown: {totals}")
    console.check(console.settings.app_namespace in console.text("#analytics-namespaces"), "the plan's namespace has its own analytics row")
    console.check(console.find("#action-analyze").text == "Refresh analytics", "a measured plan offers a refresh")
    console.screenshot("plan-analytics")


def run_migration(console, plan, action, watch_without_reload=False):
    console.open(f"/plans/{plan}")
    console.click(f"#action-{action}")
    console.wait(lambda: console.path() == f"/plans/{plan}/{action}", 10, f"the {action} confirmation")
    console.screenshot(f"confirm-{action}")
    if action == "cutover":
        halt = console.find("#field-quiescePods")
        console.check(halt.is_selected(), "halting transactions on the source is the cutover's default")
        console.check("Halt transactions" in console.text("label[for='field-quiescePods']"), "the halt choice is labelled")
    console.click("#confirm-button")
    console.wait(lambda: console.path().startswith("/migrations/"), 20, f"the {action} migration page")
    name = console.path().split("/")[2]
    if watch_without_reload:
        console.driver.execute_script("window.ferryPageMarker = 'same-page'")
        console.initial_status[action] = console.text("#migration-status")
    console.wait(lambda: console.text("#migration-status") in ("Completed", "Completed with warnings", "Failed", "Canceled"),
                 120, f"the {action} to finish")
    status = console.text("#migration-status")
    errors = console.text(".errors") if console.find_all(".errors") else ""
    console.check(status.startswith("Completed"), f"{action} {name} ended {status}: {errors}")
    if watch_without_reload:
        marker = console.driver.execute_script("return window.ferryPageMarker")
        console.check(marker == "same-page", "the migration page updated live, without a reload")
        console.check(not console.initial_status[action].startswith("Completed"),
                      f"the {action} page loaded before the migration finished ({console.initial_status[action]})")
        console.check(console.find("#pipeline").get_attribute("data-updated") is not None, "the live view re-rendered the pipeline")
        steps = console.find_all("li.step")
        console.check(len(steps) >= 3, f"the pipeline shows its steps ({len(steps)})")
        console.check(len(console.find_all(".commands code")) >= 2, "the kubectl commands are shown")
        console.check(name in console.text(".commands"), "the kubectl commands name the migration")
    console.screenshot(f"migration-{action}")
    return name


def check_narrow(console, paths):
    console.resize(NARROW)
    for label, path in paths:
        console.open(path)
        console.check_no_horizontal_scroll()
        console.screenshot(label)
    console.resize(WIDE)
    for label, path in paths:
        console.open(path)
        console.check_no_horizontal_scroll()
        console.check_labels()
        console.check_contrast()
        console.screenshot(label)


def check_keyboard(console, plan):
    console.open(f"/plans/{plan}")
    for action in ("action-stage", "action-cutover", "action-rollback"):
        console.check(console.tab_to(action), f"Tab reaches {action}")
    console.check(console.driver.execute_script(
        "var e = document.activeElement; return getComputedStyle(e).outlineStyle !== 'none'"), "the focused button shows a focus outline")


def edit_plan(console, plan):
    console.open(f"/plans/{plan}")
    console.click("a[href$='/edit']")
    console.check(console.find_all("#field-name") == [], "an existing plan's name cannot be edited")
    console.check(Select(console.find("#field-sourceCluster")).first_selected_option.get_attribute("value") == "source",
                  "the edit wizard starts from the plan's choices")
    console.click("#wizard-next")
    row = f"tr[data-namespace='{console.settings.app_namespace}']"
    console.check(console.find(f"{row} input[type=checkbox]").is_selected(), "the plan's namespace is checked")
    console.set_value(f"{row} input[type=text]", "shop-copy")
    for _ in range(4):
        console.click("#wizard-next")
    console.check("shop → shop-copy" in console.text("dl.facts"), "the review shows the renamed namespace")
    console.click("#wizard-next")
    console.wait(lambda: console.path() == f"/plans/{plan}", 20, "the plan page after saving")
    console.check("shop → shop-copy" in console.text("dl.facts"), "the saved plan maps the namespace to its new name")
    console.screenshot("plan-edited")


def add_storage(console):
    console.open("/storages")
    console.click("a[href='/storages/new']")
    console.check_labels()
    console.set_value("#field-name", "backups")
    console.set_value("#field-bucket", "Not_A_Bucket")
    console.submit()
    console.check("not a valid S3 bucket name" in console.text("#field-bucket-error"), "a bad bucket name is refused next to its field")
    console.check(console.find("#field-secretAccessKey").get_attribute("aria-invalid") == "true", "the missing secret key is marked")
    console.screenshot("storage-form-errors")
    console.set_value("#field-bucket", "ferry-backups")
    console.set_value("#field-endpoint", "https://s3.example.com")
    console.set_value("#field-region", "us-east-1")
    console.set_value("#field-accessKeyID", "AKIAEXAMPLE")
    console.set_value("#field-secretAccessKey", "secret-example")
    console.submit()
    console.wait(lambda: console.path() == "/storages", 20, "the repository list")
    console.check(len(console.find_all("tr[data-storage='backups']")) == 1, "the repository is listed")
    console.screenshot("storages")


def delete_plan(console, plan):
    console.open(f"/plans/{plan}")
    console.click("a[href$='/delete']")
    console.screenshot("confirm-delete")
    console.click("#confirm-button")
    console.wait(lambda: console.path() == "/plans", 20, "the plan list after deleting")
    console.check(console.find_all(f"tr[data-plan='{plan}']") == [], "the deleted plan is gone")


def check_restricted(console, plan):
    settings = console.settings
    console.sign_in_with_kubeconfig(settings.restricted_token)
    console.check("serviceaccount" in console.text(".user-name"), "the header names the signed-in service account")
    console.screenshot("restricted-plans")
    console.open("/storages")
    console.check(len(console.find_all("tr[data-storage]")) == 0, "the restricted user sees no repositories")
    console.check("may not list" in console.text(".notice"), "the repositories page says RBAC denies the list")
    console.screenshot("restricted-storages")
    console.open("/clusters")
    console.screenshot("restricted-clusters")
    console.check(console.find_all("tr[data-cluster='host']") != [], "the restricted user may see the clusters its Role allows")
    console.open("/plans/new")
    console.set_value("#field-name", "restricted-plan")
    Select(console.find("#field-sourceCluster")).select_by_value("host")
    Select(console.find("#field-destinationCluster")).select_by_value("source")
    console.click("#wizard-next")
    console.wait(lambda: "Namespaces" in console.text("form.wizard h2"), 20, "the namespaces step of the restricted user")
    console.screenshot("restricted-namespaces")
    offered = [row.get_attribute("data-namespace") for row in console.find_all("tr[data-namespace]")]
    console.check(settings.restricted_namespace in offered, f"the restricted user is offered its own namespace: {offered}")
    console.check(settings.app_namespace not in offered and "kube-system" not in offered,
                  f"the restricted user is not offered namespaces RBAC denies: {offered}")


def main():
    settings = Settings()
    console = Console(settings)
    started = time.monotonic()
    try:
        console.open("/sign-in")
        console.check_labels()
        console.check_contrast()
        console.screenshot("sign-in")
        console.open("/sign-in")
        console.set_value("#token", "not-a-valid-token")
        console.submit("form[action='/sign-in'] button.primary")
        console.wait(lambda: len(console.find_all("#token-error")) == 1, 20, "the refused token's message")
        console.check(console.find("#token").get_attribute("aria-describedby") == "token-error", "the token error is tied to its field")
        console.sign_in(settings.admin_token)
        console.check(console.find("nav a[aria-current='page']").text == "Plans", "the navigation marks the current section")

        add_source_cluster(console)
        plan = "shop-plan"
        create_plan(console, plan)
        analyze_plan(console, plan)
        stage = run_migration(console, plan, "stage")
        cutover = run_migration(console, plan, "cutover", watch_without_reload=True)
        check_keyboard(console, plan)
        rollback = run_migration(console, plan, "rollback")
        check_narrow(console, [
            ("page-clusters", "/clusters"), ("page-storages", "/storages"), ("page-plans", "/plans"),
            ("page-plan", f"/plans/{plan}"), ("page-migration", f"/migrations/{cutover}"),
            ("page-wizard", "/plans/new"), ("page-confirm", f"/plans/{plan}/cutover"), ("page-edit-plan", f"/plans/{plan}/edit"),
        ])
        edit_plan(console, plan)
        add_storage(console)
        delete_plan(console, plan)
        check_restricted(console, plan)
        console.resize(NARROW)
        console.open("/sign-in")
        console.check_no_horizontal_scroll()
        console.screenshot("sign-in")
    finally:
        console.driver.quit()
    summary = f"PASSED {console.checks} checks in {time.monotonic() - started:.1f} s (stage {stage}, cutover {cutover}, rollback {rollback}; the cutover page loaded while {console.initial_status.get('cutover')})"
    with open(os.path.join(settings.artifacts, "result.txt"), "w") as handle:
        handle.write(summary + "\n")
    print(summary)


if __name__ == "__main__":
    try:
        main()
    except AssertionError as failure:
        print(f"FAILED: {failure}", file=sys.stderr)
        sys.exit(1)
