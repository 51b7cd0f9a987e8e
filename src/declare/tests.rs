//! The declarative core end to end, natively: export, plan, and the round trip.

use serde_json::{json, Value as Json};

use super::*;

fn state_json() -> Json {
    json!({
        "servers": [
            {"id": "github", "name": "GitHub", "hostname": "https://gh.example/mcp", "auth_type": "bearer",
             "description": "Issues", "secure_web_gateway": false, "status": "ready",
             "created_at": "2026-01-01T00:00:00Z", "modified_by": "a@example.com",
             "tools": [{"name": "list_issues", "description": "List"}, {"name": "delete_repo"}], "prompts": [],
             "updated_tools": [{"name": "delete_repo", "enabled": false}, {"name": "list_issues", "alias": "issues"}]},
            {"id": "wiki", "name": "Wiki", "hostname": "https://wiki.example/mcp", "auth_type": "oauth",
             "auth_config_summary": {"has_client_secret": true, "auth_mode": "manual"},
             "tools": [], "prompts": [], "brand_new": 1},
        ],
        "portals": [
            {"id": "main", "name": "Main", "hostname": "mcp.example.com", "code_mode": "opt_in",
             "created_at": "2026-03-11 15:00:58",
             "servers": [
                {"id": "github", "server_id": "github", "name": "GitHub", "auth_type": "bearer",
                 "hostname": "https://gh.example/mcp", "tools": [], "prompts": [], "status": "ready",
                 "default_disabled": false, "on_behalf": true,
                 "updated_tools": [
                    {"name": "delete_repo", "enabled": false},
                    {"name": "list_issues", "portal_alias": "gh_issues", "server_alias": "issues"}]},
                {"id": "wiki", "server_id": "wiki", "name": "Wiki", "auth_type": "oauth",
                 "hostname": "https://wiki.example/mcp", "tools": [], "prompts": [],
                 "default_disabled": true, "on_behalf": true, "updated_tools": [], "updated_prompts": []}]},
        ],
    })
}

fn state() -> State {
    State::read(&state_json()).unwrap()
}

fn exported() -> Json {
    Json::from(&export(&state(), ExportOptions { catalogue: true }))
}

fn plan_of(config: &Json, options: PlanOptions) -> Plan {
    plan(&Value::read(config), &state(), options).unwrap()
}

/// `action kind id` of each step, with `!` when refused.
fn summary(plan: &Plan) -> Vec<String> {
    plan.steps
        .iter()
        .map(|s| {
            let mark = if s.refused.is_some() { "!" } else { "" };
            [mark, s.action.as_str(), " ", s.kind.as_str(), " ", &s.id].concat()
        })
        .collect()
}

fn all() -> PlanOptions {
    PlanOptions {
        prune: true,
        allow_replace: true,
    }
}

#[test]
fn export_writes_writable_fields_and_placeholders_only() {
    let config = exported();
    let github = &config["servers"][0];
    assert_eq!(
        github["auth_credentials"],
        json!({"env": "GITHUB_AUTH_CREDENTIALS"})
    );
    assert_eq!(
        config["servers"][1]["client_secret"],
        json!({"env": "WIKI_CLIENT_SECRET"})
    );
    for filled in ["status", "created_at", "modified_by", "tools", "prompts"] {
        assert!(github.get(filled).is_none(), "{filled}");
    }
    assert_eq!(github["catalogue"]["tools"].as_object().unwrap().len(), 2);
    let links = &config["portals"][0]["servers"];
    assert_eq!(
        links[0],
        json!({"server_id": "github", "default_disabled": false, "on_behalf": true,
               "updated_tools": [{"name": "list_issues", "alias": "gh_issues"}]})
    );
    assert!(config["portals"][0].get("created_at").is_none());
    assert_eq!(validate_config(&Value::read(&config)), []);
    assert_eq!(
        secret_env_name("9-lives", "client_secret"),
        "MCP_9_LIVES_CLIENT_SECRET"
    );
}

#[test]
fn an_exported_state_plans_nothing_even_with_links_reordered() {
    let mut config = exported();
    let plan = plan_of(&config, all());
    assert_eq!(summary(&plan), Vec::<String>::new());
    assert!(!plan.changes);
    let kinds: Vec<&str> = plan.notes.iter().map(|n| n.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "secret-not-compared",
            "unknown-field",
            "secret-not-compared"
        ]
    );
    let links = config["portals"][0]["servers"].as_array_mut().unwrap();
    links.reverse();
    links[1]["updated_tools"]
        .as_array_mut()
        .unwrap()
        .push(json!({"name": "delete_repo", "enabled": false}));
    assert_eq!(summary(&plan_of(&config, all())), Vec::<String>::new());
}

#[test]
fn fields_the_api_fills_in_never_make_a_diff() {
    let mut s = state_json();
    s["servers"][0]["status"] = json!("error");
    s["servers"][0]["modified_at"] = json!("2027-01-01T00:00:00Z");
    s["servers"][0]["error"] = json!("boom");
    let config = exported();
    let plan = plan(&Value::read(&config), &State::read(&s).unwrap(), all()).unwrap();
    assert!(plan.steps.is_empty());
}

#[test]
fn every_kind_of_change_in_order() {
    let mut config = exported();
    config["servers"][0]["name"] = json!("GitHub (prod)");
    config["servers"][0]["updated_tools"] = json!([{"name": "list_issues", "alias": "issues2"}]);
    config["servers"][1]["hostname"] = json!("https://wiki2.example/mcp");
    config["servers"].as_array_mut().unwrap().push(json!({
        "id": "new-one", "name": "New", "hostname": "https://new.example/mcp", "auth_type": "bearer",
        "auth_credentials": {"env": "NEW_TOKEN"}}));
    config["portals"][0]["name"] = json!("Main portal");
    config["portals"].as_array_mut().unwrap().push(json!({
        "id": "second", "name": "Second", "hostname": "second.example.com",
        "servers": [{"server_id": "new-one"}]}));

    let safe = plan_of(&config, PlanOptions::default());
    assert_eq!(
        summary(&safe),
        [
            "update server github",
            "!replace server wiki",
            "create server new-one",
            "update portal main",
            "create portal second"
        ]
    );
    assert!(safe.steps[1]
        .refused
        .as_deref()
        .unwrap()
        .contains("hostname cannot be updated"));
    let update = &safe.steps[0];
    let paths: Vec<&str> = update.changes.iter().map(|c| c.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "name",
            "updated_tools[list_issues]",
            "updated_tools[delete_repo]"
        ]
    );
    assert_eq!(
        Json::from(update.params.as_ref().unwrap()),
        json!({"name": "GitHub (prod)", "updated_tools": [{"name": "list_issues", "alias": "issues2"}]})
    );
    // The create carries the placeholder, never a value.
    let create = &safe.steps[2];
    assert_eq!(
        Json::from(create.params.as_ref().unwrap())["auth_credentials"],
        json!({"env": "NEW_TOKEN"})
    );

    // With allowReplace, the portal lets go of wiki before the replace and links it again after.
    let replace = plan_of(&config, all());
    assert_eq!(
        summary(&replace),
        [
            "update portal main",
            "update server github",
            "replace server wiki",
            "create server new-one",
            "update portal main",
            "create portal second"
        ]
    );
    let unlink = Json::from(replace.steps[0].params.as_ref().unwrap());
    assert_eq!(unlink["servers"].as_array().unwrap().len(), 1);
    let relink = Json::from(replace.steps[4].params.as_ref().unwrap());
    assert_eq!(relink["servers"].as_array().unwrap().len(), 2);
    assert_eq!(relink["name"], "Main portal");
    assert_eq!(relink["code_mode"], "opt_in");
}

#[test]
fn deletes_need_prune_and_portals_go_before_their_servers() {
    let config = json!({"servers": [], "portals": []});
    let kept = plan_of(&config, PlanOptions::default());
    assert_eq!(
        summary(&kept),
        [
            "!delete portal main",
            "!delete server github",
            "!delete server wiki"
        ]
    );
    assert!(kept.changes);
    assert!(kept.steps[0].refused.as_deref().unwrap().contains("prune"));
    let pruned = plan_of(&config, all());
    assert_eq!(
        summary(&pruned),
        [
            "delete portal main",
            "delete server github",
            "delete server wiki"
        ]
    );
}

#[test]
fn a_portal_cannot_link_a_server_that_will_not_exist() {
    let mut config = exported();
    config["servers"].as_array_mut().unwrap().remove(1);
    // Not in the file but kept in the account: fine without prune, refused with it.
    assert!(plan(&Value::read(&config), &state(), PlanOptions::default()).is_ok());
    let problems = plan(&Value::read(&config), &state(), all()).unwrap_err();
    assert_eq!(problems[0].field, "portals[0].servers[1].server_id");
    assert!(
        problems[0].message.contains("prune would delete it"),
        "{}",
        problems[0].message
    );
    config["portals"][0]["servers"][0]["server_id"] = json!("nowhere");
    let problems = plan(&Value::read(&config), &state(), PlanOptions::default()).unwrap_err();
    assert!(problems[0]
        .message
        .contains("neither in the file nor in the account"));
}

#[test]
fn catalogue_drift_is_a_note_not_a_step() {
    let mut config = exported();
    config["servers"][0]["catalogue"]["tools"]["list_issues"] = json!("0".repeat(64));
    config["servers"][0]["catalogue"]["tools"]["gone_tool"] = json!("1".repeat(64));
    let plan = plan_of(&config, all());
    assert!(plan.steps.is_empty());
    let drift: Vec<&Note> = plan
        .notes
        .iter()
        .filter(|n| n.kind == "catalogue-drift")
        .collect();
    assert_eq!(drift.len(), 1);
    assert!(
        drift[0]
            .message
            .contains("tools changed: list_issues; tools removed: gone_tool"),
        "{}",
        drift[0].message
    );
}

#[test]
fn problems_name_their_json_paths() {
    let config = json!({
        "servers": [
            {"id": "a", "name": "A", "hostname": "not a url", "auth_type": "bearer", "auth_credentials": "ghp_secret_value"},
            {"id": "a", "name": "A2", "hostname": "https://a/mcp", "auth_type": "oauth",
             "client_secret": {"env": "1BAD"}, "catalogue": {"tools": {"t": "xyz"}}},
            {"id": "b", "name": 3, "hostname": "https://b/mcp", "auth_type": "bearer", "extra": true},
        ],
        "portals": [{"id": "p", "name": "P", "hostname": "https://p.example.com/mcp", "servers": [{"server_id": "a", "on_behalf": "yes"}]}],
        "extra": 1,
    });
    let problems = validate_config(&Value::read(&config));
    let fields: Vec<&str> = problems.iter().map(|p| p.field.as_str()).collect();
    assert_eq!(
        fields,
        [
            "extra",
            "servers[0].auth_credentials",
            "servers[0].hostname",
            "servers[1].catalogue.tools[\"t\"]",
            "servers[1].client_secret.env",
            "servers[1].id",
            "servers[2].extra",
            "servers[2].name",
            "portals[0].hostname",
            "portals[0].servers[0].on_behalf"
        ]
    );
    for p in &problems {
        assert!(p.message.starts_with(&p.field), "{}", p.message);
        assert!(!p.message.contains("ghp_secret_value"), "{}", p.message);
    }
    assert!(problems[1].message.contains("{ \"env\": \"NAME\" }"));
    assert_eq!(
        problems[5].message,
        "servers[1].id repeats \"a\" (servers[0]): each id once"
    );
    let portal_host = validate_config(&Value::read(
        &json!({"portals": [{"id": "p", "name": "P", "hostname": "https://p.example.com/mcp"}]}),
    ));
    assert_eq!(portal_host[0].field, "portals[0].hostname");
}

#[test]
fn a_plan_survives_its_own_json() {
    let mut config = exported();
    config["servers"][1]["hostname"] = json!("https://wiki2.example/mcp");
    let plan = plan_of(&config, all());
    let back = Plan::read(&Value::read(&Json::from(&plan.to_value()))).unwrap();
    assert_eq!(Json::from(&back.to_value()), Json::from(&plan.to_value()));
    assert_eq!(back.steps.len(), 3);
}

#[test]
fn a_portal_the_file_does_not_name_gets_its_link_back_after_a_replacement() {
    let mut config = exported();
    config.as_object_mut().unwrap().remove("portals");
    config["servers"][1]["hostname"] = json!("https://wiki2.example/mcp");
    let options = PlanOptions {
        prune: false,
        allow_replace: true,
    };
    let plan = plan_of(&config, options);
    assert_eq!(
        summary(&plan),
        [
            "update portal main",
            "!delete portal main",
            "replace server wiki",
            "update portal main"
        ]
    );
    let relink = Json::from(plan.steps[3].params.as_ref().unwrap());
    assert_eq!(
        relink["servers"][1],
        json!({"server_id": "wiki", "default_disabled": true, "on_behalf": true})
    );
    assert_eq!(plan.steps[3].changes[0].path, "servers[wiki]");
}

#[test]
fn nulls_plan_only_what_a_request_can_do() {
    let mut config = exported();
    config["servers"][0]["updated_tools"] = json!(null);
    config["servers"][0]["secure_web_gateway"] = json!(null);
    config["servers"][0]["description"] = json!(null);
    let plan = plan_of(&config, all());
    assert_eq!(summary(&plan), ["update server github"]);
    assert_eq!(
        Json::from(plan.steps[0].params.as_ref().unwrap()),
        json!({"description": null, "updated_tools": []})
    );
    config["portals"][0]["description"] = json!(null);
    let problems = validate_config(&Value::read(&config));
    assert_eq!(problems[0].field, "portals[0].description");
}
