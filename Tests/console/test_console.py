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

from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.action_chains import ActionChains
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.support.ui import Select, WebDriverWait


class Settings:
    def __init__(self):
        env = os.environ
        self.url = env["FERRY_CONSOLE_URL"].rstrip("/")
        self.admin_token = env["FERRY_CONSOLE_ADMIN_TOKEN"]
        self.restricted_token = env["FERRY_CONSOLE_RESTRICTED_TOKEN"]
        self.source_url = env["FERRY_SOURCE_URL"]
        self.source_token = env["FERRY_SOURCE_TOKEN"]
        with open(env["FERRY_SOURCE_CA_FILE"]) as handle:
            self.source_ca = handle.read()
        self.app_namespace = env["FERRY_APP_NAMESPACE"]
        self.restricted_namespace = env["FERRY_RESTRICTED_NAMESPACE"]
        self.artifacts = env["FERRY_ARTIFACTS"]
        self.chromium = env.get("FERRY_CHROMIUM", "/usr/bin/chromium")
        self.chromedriver = env.get("FERRY_CHROMEDRIVER", "/usr/bin/chromedriver")


WIDE = (1280, 900)
NARROW = (390, 844)


class Console:
    def __init__(self, settings):
        self.settings = settings
        options = webdriver.ChromeOptions()
        options.binary_location = settings.chromium
        for argument in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                         "--ignore-certificate-errors", "--hide-scrollbars", "--force-device-scale-factor=1"]:
            options.add_argument(argument)
        self.driver = webdriver.Chrome(options=options, service=webdriver.ChromeService(executable_path=settings.chromedriver))
        self.driver.set_page_load_timeout(30)
        self.resize(WIDE)
        self.checks = 0
        self.initial_status = {}

    def resize(self, size):
        # The window's outer size includes no chrome in headless mode; set the viewport exactly.
        self.driver.set_window_size(*size)
        inner = self.driver.execute_script("return [window.innerWidth, window.innerHeight]") if self.driver.current_url.startswith("http") else None
        if inner and inner[0] != size[0]:
            self.driver.set_window_size(size[0] + (size[0] - inner[0]), size[1])

    def check(self, condition, message):
        if not condition:
            self.screenshot("FAILED")
            raise AssertionError(message)
        self.checks += 1

    def open(self, path):
        self.driver.get(self.settings.url + path)

    def find(self, selector):
        return self.driver.find_element(By.CSS_SELECTOR, selector)

    def find_all(self, selector):
        return self.driver.find_elements(By.CSS_SELECTOR, selector)

    def text(self, selector):
        return self.find(selector).text

    def wait(self, condition, timeout=60, message="condition"):
        try:
            return WebDriverWait(self.driver, timeout, poll_frequency=0.25,
                                 ignored_exceptions=(NoSuchElementException, StaleElementReferenceException)).until(lambda _: condition())
        except Exception as error:
            self.screenshot("TIMEOUT")
            raise AssertionError(f"timed out after {timeout} s waiting for {message} on {self.driver.current_url}") from error

    def path(self):
        return self.driver.current_url[len(self.settings.url):]

    def screenshot(self, name):
        os.makedirs(self.settings.artifacts, exist_ok=True)
        width = self.driver.execute_script("return window.innerWidth")
        self.driver.save_screenshot(os.path.join(self.settings.artifacts, f"{name}-{width}.png"))

    def set_value(self, selector, value):
        element = self.find(selector)
        if element.tag_name == "textarea" and len(value) > 200:
            # Typing a PEM bundle key by key is slow; the value is what the form posts.
            self.driver.execute_script("arguments[0].value = arguments[1]", element, value)
        else:
            element.clear()
            element.send_keys(value)

    def click(self, selector):
        """Clicks what leads to another page and waits until that page replaced this one."""
        self.driver.execute_script("window.ferryOldPage = true")
        self.find(selector).click()
        self.wait(lambda: self.driver.execute_script("return document.readyState === 'complete' && window.ferryOldPage === undefined"),
                  30, f"the page after clicking {selector}")

    def submit(self, selector="form.form button.primary"):
        self.click(selector)

    # Checks every page gets.

    def check_labels(self):
        unlabeled = self.driver.execute_script("""
            return Array.from(document.querySelectorAll('input:not([type=hidden]), select, textarea')).filter(function (control) {
                if (control.labels && control.labels.length > 0 && control.labels[0].textContent.trim() !== '') return false;
                return !control.getAttribute('aria-label');
            }).map(function (control) { return control.name || control.id; });
        """)
        self.check(unlabeled == [], f"inputs without a label on {self.path()}: {unlabeled}")

    def check_no_horizontal_scroll(self):
        widths = self.driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
        self.check(widths[0] <= widths[1], f"{self.path()} scrolls sideways at {widths[1]} px: content is {widths[0]} px wide")

    def check_contrast(self):
        # WCAG contrast of every element's own visible text against the first opaque
        # background behind it (white at the root).
        low = self.driver.execute_script("""
            function parse(color) {
                var m = color.match(/rgba?\\(([^)]+)\\)/); if (!m) return null;
                var p = m[1].split(',').map(function (x) { return parseFloat(x); });
                return {r: p[0], g: p[1], b: p[2], a: p.length > 3 ? p[3] : 1};
            }
            function luminance(c) {
                function channel(v) { v = v / 255; return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); }
                return 0.2126 * channel(c.r) + 0.7152 * channel(c.g) + 0.0722 * channel(c.b);
            }
            function background(element) {
                for (var e = element; e && e.nodeType === 1; e = e.parentElement) {
                    var c = parse(getComputedStyle(e).backgroundColor);
                    if (c && c.a > 0.9) return c;
                }
                return {r: 255, g: 255, b: 255, a: 1};
            }
            var problems = [];
            document.querySelectorAll('body *').forEach(function (element) {
                var own = Array.prototype.some.call(element.childNodes, function (n) { return n.nodeType === 3 && n.textContent.trim() !== ''; });
                if (!own || element.offsetParent === null && getComputedStyle(element).position !== 'fixed') return;
                if (element.closest('.visually-hidden, .skip-link')) return;
                var fg = parse(getComputedStyle(element).color), bg = background(element);
                var l1 = luminance(fg), l2 = luminance(bg);
                var ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
                if (ratio < 4.5) problems.push(element.tagName + '.' + element.className + ' "' + element.textContent.trim().slice(0, 30) + '" ' + ratio.toFixed(2));
            });
            return problems;
        """)
        self.check(low == [], f"text below 4.5:1 contrast on {self.path()}: {low}")

    def tab_to(self, element_id, presses=60):
        body = self.find("body")
        self.driver.execute_script("document.activeElement && document.activeElement.blur(); window.scrollTo(0, 0)")
        for _ in range(presses):
            ActionChains(self.driver).send_keys(Keys.TAB).perform()
            if self.driver.execute_script("return document.activeElement && document.activeElement.id") == element_id:
                return True
        return False

    def sign_in(self, token):
        self.driver.delete_all_cookies()
        self.open("/sign-in")
        self.set_value("#token", token)
        self.submit("form[action='/sign-in'] button.primary")
        self.wait(lambda: self.path().startswith("/plans"), 20, "the plans page after sign-in")


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


def sign_in_with_kubeconfig(console, token):
    kubeconfig = "\n".join([
        "apiVersion: v1", "kind: Config", "current-context: other",
        "clusters:", "- name: host", "  cluster:", f"    server: {console.settings.url}",
        "users:", "- name: viewer", "  user:", f"    token: {token}",
        "contexts:", "- name: viewer", "  context:", "    cluster: host", "    user: viewer",
        "- name: other", "  context:", "    cluster: host", "    user: viewer",
    ])
    console.driver.delete_all_cookies()
    console.open("/sign-in")
    console.set_value("#kubeconfig", kubeconfig)
    console.set_value("#context", "missing")
    console.submit("form[action='/sign-in'] input[value=kubeconfig] ~ button.primary")
    console.check("no context" in console.text("#context-error"), "an unknown context is refused next to its field")
    console.check(console.find("#kubeconfig").get_attribute("value").startswith("apiVersion"), "the pasted kubeconfig was kept")
    console.set_value("#context", "viewer")
    console.submit("form[action='/sign-in'] input[value=kubeconfig] ~ button.primary")
    console.wait(lambda: console.path().startswith("/plans"), 20, "the plans page after a kubeconfig sign-in")


def check_restricted(console, plan):
    settings = console.settings
    sign_in_with_kubeconfig(console, settings.restricted_token)
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
