import Foundation
import KubeCore
import KubeSimStorage

/// Runs CronJobs: when the schedule fires (and the cron job is not suspended) it creates one
/// Job from the job template and records `lastScheduleTime`. Missed runs are not caught up.
struct CronJobController: Reconciler {
    let context: ControllerContext

    var name: String { "cronjob" }
    var watchedResources: [GroupResource]? { [Resources.cronJobs, Resources.jobs] }
    var primaryResource: GroupResource { Resources.cronJobs }

    func keys(for event: WatchEvent, cache: ObjectCache) -> [ObjectKey] {
        if event.resource == Resources.cronJobs { return [ObjectKey(Resources.cronJobs, object: event.object)] }
        return ownerKey(of: event.object, kind: "CronJob", resource: Resources.cronJobs)
    }

    func reconcile(_ key: ObjectKey, cache: ObjectCache) throws -> Duration? {
        guard let cronJob = try context.fetch(key), let uid = cronJob.uid, !cronJob.isBeingDeleted,
            let schedule = CronSchedule(cronJob.string("spec", "schedule") ?? "")
        else { return nil }
        let now = Date.now
        let jobs = cache.controlled(by: uid, resource: Resources.jobs)
        var status = cronJob.status ?? [:]
        status["active"] = jobs.isEmpty ? nil : .array(jobs.filter { $0.condition("Complete") == nil }.map { job in
            ["apiVersion": "batch/v1", "kind": "Job", "name": .string(job.name), "namespace": .string(job.namespace ?? ""), "uid": .string(job.uid ?? "")]
        })
        let suspended = cronJob.spec?["suspend"]?.boolValue ?? false
        let since = Timestamp.parse(cronJob.string("status", "lastScheduleTime") ?? cronJob.creationTimestamp) ?? now
        if !suspended, let due = schedule.latest(after: since, notAfter: now) {
            let minute = Int(due.timeIntervalSince1970 / 60)
            var job = KubeObject(apiVersion: "batch/v1", kind: "Job", name: "\(cronJob.name)-\(minute)", namespace: cronJob.namespace)
            let template = cronJob.spec?["jobTemplate"] ?? [:]
            job.labels = LabelMatcher.stringMap(template["metadata"]?["labels"])
            job.annotations = LabelMatcher.stringMap(template["metadata"]?["annotations"])
                .merging(["batch.kubernetes.io/cronjob-scheduled-timestamp": due.formatted(Date.ISO8601FormatStyle())]) { _, new in new }
            job.ownerReferences = [OwnerReference(controlledBy: cronJob)]
            job.spec = template["spec"] ?? [:]
            try createUnlessPresent(job)
            status["lastScheduleTime"] = .string(due.formatted(Date.ISO8601FormatStyle()))
        }
        try context.updateStatus(Resources.cronJobs, of: cronJob, to: status)
        guard !suspended, let next = schedule.next(after: now) else { return nil }
        return .seconds(max(next.timeIntervalSince(now), 1))
    }

    private func createUnlessPresent(_ job: KubeObject) throws {
        let key = ObjectKey(Resources.jobs, object: job)
        guard try context.fetch(key) == nil else { return }
        _ = try context.store.create(job, in: context.definition(Resources.jobs))
    }
}

/// A five-field cron schedule (minute hour day-of-month month day-of-week) with `*`, `*/n`,
/// lists and ranges, evaluated in UTC.
struct CronSchedule {
    private let fields: [Set<Int>]

    init?(_ text: String) {
        let macros = ["@hourly": "0 * * * *", "@daily": "0 0 * * *", "@midnight": "0 0 * * *", "@weekly": "0 0 * * 0",
                      "@monthly": "0 0 1 * *", "@yearly": "0 0 1 1 *", "@annually": "0 0 1 1 *"]
        let parts = (macros[text] ?? text).split(separator: " ", omittingEmptySubsequences: true)
        let bounds = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 6)]
        guard parts.count == 5 else { return nil }
        var fields: [Set<Int>] = []
        for (part, (low, high)) in zip(parts, bounds) {
            guard let values = Self.parse(String(part), low: low, high: high) else { return nil }
            fields.append(values)
        }
        self.fields = fields
    }

    private static func parse(_ field: String, low: Int, high: Int) -> Set<Int>? {
        var values: Set<Int> = []
        for item in field.split(separator: ",") {
            let stepParts = item.split(separator: "/")
            let step = stepParts.count == 2 ? Int(stepParts[1]) : 1
            guard let step, step > 0 else { return nil }
            var range = low...high
            if stepParts[0] != "*" {
                let bounds = stepParts[0].split(separator: "-").compactMap { Int($0) }
                guard let first = bounds.first, first >= low, (bounds.last ?? first) <= high, first <= (bounds.last ?? first) else { return nil }
                range = first...(bounds.count == 2 ? bounds[1] : (stepParts.count == 2 ? high : first))
            }
            values.formUnion(stride(from: range.lowerBound, through: range.upperBound, by: step))
        }
        return values
    }

    private func matches(_ date: Date) -> Bool {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.minute, .hour, .day, .month, .weekday], from: date)
        return fields[0].contains(parts.minute!) && fields[1].contains(parts.hour!) && fields[2].contains(parts.day!)
            && fields[3].contains(parts.month!) && fields[4].contains(parts.weekday! - 1)
    }

    /// The first firing time after `date`, within a year.
    func next(after date: Date) -> Date? {
        var minute = (date.timeIntervalSince1970 / 60).rounded(.down) + 1
        for _ in 0..<(366 * 24 * 60) {
            let candidate = Date(timeIntervalSince1970: minute * 60)
            if matches(candidate) { return candidate }
            minute += 1
        }
        return nil
    }

    /// The newest firing time in `(after, notAfter]`.
    func latest(after start: Date, notAfter end: Date) -> Date? {
        var minute = (end.timeIntervalSince1970 / 60).rounded(.down)
        let first = (start.timeIntervalSince1970 / 60).rounded(.down) + 1
        var checked = 0
        while minute >= first && checked < 7 * 24 * 60 {
            let candidate = Date(timeIntervalSince1970: minute * 60)
            if matches(candidate) { return candidate }
            minute -= 1
            checked += 1
        }
        return nil
    }
}
