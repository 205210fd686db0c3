import Foundation
import RampartChecks
import RampartCompliance
import RampartFindings
import Testing

/// The shipped framework data: complete, consistent with the checks, and its embedded copy is the data files.
@Suite struct FrameworkLibraryTests {
    static let repository = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static let claims = CheckCatalog.all.map { CheckClaim(checkId: $0.metadata.id, frameworks: $0.metadata.frameworks) }

    static let library: FrameworkLibrary = {
        do { return try FrameworkLibrary.embedded(claims: claims) } catch {
            Issue.record("the embedded framework data does not load: \(error)")
            return try! FrameworkLibrary(files: [], claims: [], attestations: [])
        }
    }()

    static let attestations = ["SOC 2", "ISO/IEC 27001", "PCI DSS Attestation of Compliance", "FedRAMP"]

    @Test func theEmbeddedCopiesAreTheDataFiles() throws {
        let folder = Self.repository.appendingPathComponent("Data/frameworks")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".json") }.sorted()
        #expect(FrameworkLibrary.embeddedFiles.map(\.file) == names.map { "Data/frameworks/\($0)" }, "run python3 scripts/embed_data.py")
        for (file, json) in FrameworkLibrary.embeddedFiles {
            let text = try String(contentsOf: Self.repository.appendingPathComponent(file), encoding: .utf8)
            #expect(String(text.dropLast()) == json, "\(file) differs from its embedded copy: run python3 scripts/embed_data.py")
        }
    }

    @Test func everyFrameworkIdHasItsDataFile() {
        #expect(Set(Self.library.ids) == FrameworkID.all)
    }

    @Test func everyMappedCheckExists() {
        let known = Set(CheckCatalog.all.map(\.metadata.id))
        for framework in Self.library.frameworks {
            for requirement in framework.requirements {
                let missing = requirement.checks.filter { !known.contains($0) }
                #expect(missing.isEmpty, "\(framework.id) \(requirement.id) names checks that do not exist: \(missing)")
            }
        }
    }

    @Test func everyCheckDecidesARequirementOfEachJudgementFramework() {
        for id in ["nist-800-53-r5", "iso-27001-2022", "soc2", "pci-dss-4.0"] {
            guard let framework = Self.library.framework(id) else {
                Issue.record("\(id) is missing")
                continue
            }
            let mapped = Set(framework.requirements.flatMap(\.checks))
            let unmapped = CheckCatalog.all.map(\.metadata.id).filter { !mapped.contains($0) }
            #expect(unmapped.isEmpty, "add these checks to a requirement of Data/frameworks/\(id).json: \(unmapped)")
        }
    }

    /// CIS and FSBP mappings are the checks' own metadata, joined at load time, so they cannot drift.
    @Test func cisAndFSBPRequirementsAreDecidedExactlyByTheChecksThatNameThem() throws {
        for id in ["cis-aws-3.0", "cis-aws-5.0", "aws-fsbp"] {
            let framework = try #require(Self.library.framework(id))
            #expect(framework.checksFrom == .checkMetadata)
            for requirement in framework.requirements {
                let naming = CheckCatalog.all.filter { $0.metadata.frameworks[id]?.contains(requirement.id) == true }.map(\.metadata.id)
                #expect(Set(requirement.checks) == Set(naming), "\(id) \(requirement.id)")
            }
        }
        let rootKeys = try #require(Self.library.framework("cis-aws-5.0")?.requirement("1.3"))
        #expect(rootKeys.checks == ["iam.root-user.no-active-access-keys"])
    }

    @Test func physicalControlsAreInheritedAndCiteAttestations() throws {
        let nist = try #require(Self.library.framework("nist-800-53-r5"))
        let pe = nist.requirements.filter { $0.group == "PE" }
        #expect(pe.count == 22)
        #expect(pe.allSatisfy { $0.responsibility == .inherited && !$0.attestations.isEmpty && $0.checks.isEmpty })
        let iso = try #require(Self.library.framework("iso-27001-2022"))
        #expect(iso.requirement("7.2")?.responsibility == .inherited)
        #expect(try #require(Self.library.framework("pci-dss-4.0")).requirement("9.2")?.attestations == ["PCI DSS Attestation of Compliance"])
        for framework in Self.library.frameworks {
            for requirement in framework.requirements where requirement.responsibility != .inherited {
                #expect(!requirement.checks.isEmpty || !(requirement.evidence ?? "").isEmpty, "\(framework.id) \(requirement.id)")
            }
        }
    }

    @Test func isoAnnexAHasTheNinetyThreeControls() throws {
        let iso = try #require(Self.library.framework("iso-27001-2022"))
        let counts = Dictionary(grouping: iso.requirements, by: \.group).mapValues(\.count)
        #expect(counts == ["5": 37, "6": 8, "7": 14, "8": 34])
        #expect(iso.requirements.first?.id == "5.1" && iso.requirements.last?.id == "8.34")
    }

    @Test func everyFrameworkNamesItsSourceAndLicence() {
        for framework in Self.library.frameworks {
            #expect(!framework.sources.isEmpty && framework.sources.allSatisfy { !$0.licence.isEmpty && $0.url.hasPrefix("https://") }, "\(framework.id)")
        }
    }

    // MARK: Bad data is refused with the file, the place and what to change

    func load(_ requirements: String, checksFrom: String = "this-file", claims: [CheckClaim] = []) -> FrameworkDataError? {
        let json = """
            {"format": "rampart-framework/1", "id": "soc2", "name": "T", "version": "1", "reviewed": "2026-11-29",
             "checksFrom": "\(checksFrom)", "scope": "s", "sources": [{"title": "t", "url": "https://x", "licence": "l"}],
             "groups": [{"id": "G", "title": "g"}], "requirements": [\(requirements)]}
            """
        do {
            _ = try FrameworkLibrary(files: [("Data/frameworks/soc2.json", json)], claims: claims, attestations: Self.attestations)
            return nil
        } catch {
            return error
        }
    }

    @Test func aValidFileLoads() {
        #expect(load(#"{"id": "A", "title": "t", "group": "G", "responsibility": "customer", "evidence": "e"}"#) == nil)
    }

    @Test func aCustomerRequirementWithoutChecksOrEvidenceIsRefused() throws {
        let error = try #require(load(#"{"id": "A", "title": "t", "group": "G", "responsibility": "customer"}"#))
        #expect(error.file == "Data/frameworks/soc2.json")
        #expect(error.message.contains("neither checks nor evidence guidance"))
    }

    @Test func anInheritedRequirementMustCiteAKnownAttestation() throws {
        let none = try #require(load(#"{"id": "A", "title": "t", "group": "G", "responsibility": "inherited"}"#))
        #expect(none.message.contains("must cite the AWS attestations"))
        let unknown = try #require(load(#"{"id": "A", "title": "t", "group": "G", "responsibility": "inherited", "attestations": ["SOC 9"]}"#))
        #expect(unknown.path == "$.requirements[0].attestations")
        #expect(unknown.message.contains("\"SOC 9\" is not one of the attestations"))
    }

    @Test func aRequirementIdTwiceIsRefused() throws {
        let row = #"{"id": "A", "title": "t", "group": "G", "responsibility": "customer", "evidence": "e"}"#
        #expect(try #require(load(row + "," + row)).message == "duplicate requirement id \"A\"")
    }

    @Test func anUnknownResponsibilityIsRefused() throws {
        let error = try #require(load(#"{"id": "A", "title": "t", "group": "G", "responsibility": "aws"}"#))
        #expect(error.path == "$.requirements[0].responsibility")
    }

    @Test func aListedCheckThatDoesNotExistIsRefused() throws {
        let error = try #require(load(
            #"{"id": "A", "title": "t", "group": "G", "responsibility": "customer", "checks": ["no.such.check"]}"#,
            claims: [CheckClaim(checkId: "s3.bucket.versioning-enabled", frameworks: [:])]))
        #expect(error.message.contains("\"no.such.check\" is not a check id"))
    }

    @Test func aMetadataFrameworkMayNotListChecksItself() throws {
        let error = try #require(load(
            #"{"id": "A", "title": "t", "group": "G", "responsibility": "customer", "checks": ["x"]}"#, checksFrom: "check-metadata"))
        #expect(error.message.contains("takes its checks from the checks' metadata"))
    }

    @Test func aCheckNamingARequirementTheFileLacksIsRefused() throws {
        let error = try #require(load(
            #"{"id": "A", "title": "t", "group": "G", "responsibility": "customer", "evidence": "e"}"#, checksFrom: "check-metadata",
            claims: [CheckClaim(checkId: "iam.user.console-mfa", frameworks: ["soc2": ["Z.9"]])]))
        #expect(error.message.contains("check iam.user.console-mfa names requirement \"Z.9\""))
    }
}
