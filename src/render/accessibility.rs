//! The accessibility statement the RGAA requires of every public body's
//! site, written from `[accessibility]` of `ouvert.toml`, and the mention
//! of the conformity status in every page's footer.

use serde::Serialize;

use super::views::{DateView, Views};
use crate::config::{Conformity, Reach};
use crate::validate::PartialDate;

/// Where readers may complain when the authority does not answer: the
/// recourse every French statement must give (Défenseur des droits).
const DEFENDER_FORM: &str = "https://formulaire.defenseurdesdroits.fr/";
const DEFENDER_DELEGATES: &str = "https://www.defenseurdesdroits.fr/saisir/delegues";

#[derive(Debug, Serialize)]
pub struct AccessibilityView {
    /// `full`, `partial` or `none`.
    pub status: &'static str,
    /// `partiellement conforme`.
    pub status_label: String,
    /// The opening sentence naming the authority and the portal.
    pub intro: String,
    /// The conformity in one sentence.
    pub conformity: String,
    /// When and by whom the audit was made, or that none was.
    pub audit: String,
    pub audit_date: Option<DateView>,
    /// `Cette déclaration a été établie le 28 novembre 2026.`: the date
    /// of the audit, or none without one.
    pub established_text: Option<String>,
    /// `75,5 % des critères du RGAA sont respectés.`, or none.
    pub rate_text: Option<String>,
    pub non_compliant: Vec<String>,
    pub disproportionate_burden: Vec<String>,
    pub exempt: Vec<String>,
    /// Technologies the site relies on.
    pub technologies: Vec<String>,
    pub environment: Vec<String>,
    pub pages: Vec<String>,
    pub contact: Option<super::usage::ReachView>,
    pub plan_url: Option<String>,
    pub defender_form_url: &'static str,
    pub defender_delegates_url: &'static str,
}

impl Views<'_> {
    /// `Accessibilité : non conforme`, the footer's link to the statement.
    pub fn accessibility_mention(&self) -> String {
        let status = self.portal.config.accessibility.status;
        self.lang
            .t("accessibility_mention")
            .replace("{status}", self.lang.t(&status_key(status)))
    }

    pub fn accessibility(&self) -> AccessibilityView {
        let config = &self.portal.config;
        let settings = &config.accessibility;
        let lang = self.lang;
        let status_label = lang.t(&status_key(settings.status)).to_string();
        let audit_date = self.date(settings.audit_date.map(PartialDate::Day));
        let audit = match (&audit_date, &settings.auditor) {
            (Some(date), Some(auditor)) => lang
                .t("accessibility_audit_by")
                .replace("{date}", &date.text)
                .replace("{auditor}", auditor),
            (Some(date), None) => lang.t("accessibility_audit").replace("{date}", &date.text),
            (None, _) => lang.t("accessibility_not_audited").to_string(),
        };
        let rate_text = settings.rate.map(|rate| {
            lang.t("accessibility_rate").replace(
                "{rate}",
                &lang.decimal(rate, if rate.fract() == 0.0 { 0 } else { 1 }),
            )
        });
        let contact = settings
            .contact
            .clone()
            .or_else(|| config.contact_email.clone().map(Reach::Email))
            .map(|reach| super::usage::reach(&reach));
        let established_text = audit_date.as_ref().map(|date| {
            lang.t("accessibility_established_text")
                .replace("{date}", &date.text)
        });
        AccessibilityView {
            status: settings.status.key(),
            established_text,
            intro: lang
                .t("accessibility_intro")
                .replace("{authority}", &config.authority.name)
                .replace("{site}", &config.title),
            conformity: lang
                .t("accessibility_conformity_text")
                .replace("{site}", &config.title)
                .replace("{status}", &status_label),
            status_label,
            audit,
            audit_date,
            rate_text,
            non_compliant: settings.non_compliant.clone(),
            disproportionate_burden: settings.disproportionate_burden.clone(),
            exempt: settings.exempt.clone(),
            technologies: ["HTML5", "CSS", "SVG", lang.t("accessibility_javascript")]
                .map(String::from)
                .to_vec(),
            environment: settings.environment.clone(),
            pages: settings.pages.clone(),
            contact,
            plan_url: settings.plan_url.clone(),
            defender_form_url: DEFENDER_FORM,
            defender_delegates_url: DEFENDER_DELEGATES,
        }
    }
}

/// `accessibility_status_partial`: the label's key in the i18n files.
fn status_key(status: Conformity) -> String {
    format!("accessibility_status_{}", status.key())
}
