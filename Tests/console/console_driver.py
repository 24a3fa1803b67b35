"""The browser side of Ferry's console test: settings from the environment and a Selenium
driver for headless Chromium with the checks every page gets (labels, contrast, no sideways
scrolling, keyboard reachability) and helpers that wait for the page a click leads to."""
import os
import time

from selenium import webdriver
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import WebDriverWait


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
        # The live view may replace the element between finding and reading it.
        for _ in range(20):
            try:
                return self.find(selector).text
            except StaleElementReferenceException:
                time.sleep(0.05)
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

    def sign_in_with_kubeconfig(self, token):
        """Signs in with a pasted kubeconfig; an unknown context is refused first, keeping the paste."""
        kubeconfig = "\n".join([
            "apiVersion: v1", "kind: Config", "current-context: other",
            "clusters:", "- name: host", "  cluster:", f"    server: {self.settings.url}",
            "users:", "- name: viewer", "  user:", f"    token: {token}",
            "contexts:", "- name: viewer", "  context:", "    cluster: host", "    user: viewer",
            "- name: other", "  context:", "    cluster: host", "    user: viewer",
        ])
        self.driver.delete_all_cookies()
        self.open("/sign-in")
        self.set_value("#kubeconfig", kubeconfig)
        self.set_value("#context", "missing")
        self.submit("form[action='/sign-in'] input[value=kubeconfig] ~ button.primary")
        self.check("no context" in self.text("#context-error"), "an unknown context is refused next to its field")
        self.check(self.find("#kubeconfig").get_attribute("value").startswith("apiVersion"), "the pasted kubeconfig was kept")
        self.set_value("#context", "viewer")
        self.submit("form[action='/sign-in'] input[value=kubeconfig] ~ button.primary")
        self.wait(lambda: self.path().startswith("/plans"), 20, "the plans page after a kubeconfig sign-in")
