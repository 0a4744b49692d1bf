import Foundation

public struct SiteInfo: Codable, Equatable, Sendable {
    /// Absolute site root at backup time.
    public var root: String
    /// Profile id: wordpress, joomla, drupal, drupal7.
    public var cms: String
    public var cmsName: String
    public var cmsVersion: String?
    /// The config file that was read (absolute), if any.
    public var configFile: String?
    public var tablePrefix: String?
    /// The docroot inside `root` when the site is a project (Drupal's composer layout: `web`); absent
    /// when the site root is the docroot.
    public var docroot: String?

    package init(root: String, cms: String, cmsName: String, cmsVersion: String? = nil, configFile: String? = nil, tablePrefix: String? = nil,
                 docroot: String? = nil) {
        self.docroot = docroot
        self.root = root
        self.cms = cms
        self.cmsName = cmsName
        self.cmsVersion = cmsVersion
        self.configFile = configFile
        self.tablePrefix = tablePrefix
    }

    enum CodingKeys: String, CodingKey {
        case root, cms
        case cmsName = "cms_name"
        case cmsVersion = "cms_version"
        case configFile = "config_file"
        case tablePrefix = "table_prefix"
        case docroot
    }
}
